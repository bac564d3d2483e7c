import type { EhrUser } from './sandbox-users.ts';

/**
 * Who may run the dataset extraction from the simulator: the data lead only. The job reads every record as the
 * system and publishes disclosure-controlled aggregates; running it is a reporting duty, not a clinical or
 * safeguarding one, so the other roles (the safeguarding lead included) do not get the page (least privilege).
 */
export function mayExportDataset(user: EhrUser): boolean {
  return user.role === 'data-lead';
}
