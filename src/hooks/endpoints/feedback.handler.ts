import type { FeedbackResult } from '../../state/index.ts';
import { LOCAL_SYSTEM, VALUE_SET_IDS } from '../../terminology/index.ts';
import { type FeedbackItem, parseFeedback, type ServiceSpec } from '../protocol/index.ts';
import type { BodyEndpoint, EndpointDeps } from './endpoint.deps.ts';

/** The override reason as a local code; `unlisted` when the client sent a code the card did not offer. */
function reasonCode(deps: EndpointDeps, item: FeedbackItem): string | undefined {
  const reason = item.overrideReason?.reason;
  if (!reason) return undefined;
  const coding = { system: reason.system ?? LOCAL_SYSTEM, code: reason.code };
  return coding.system === LOCAL_SYSTEM && deps.terminology.contains(VALUE_SET_IDS.cdsOverrideReason, coding)
    ? coding.code
    : 'unlisted';
}

/**
 * `POST /cds-services/{id}/feedback` (CDS Hooks 2.0 "Feedback"): stores outcome, override reason code and
 * accepted-suggestion count per card; duplicates are ignored; free text only when the deployment enables it.
 * Answers 200 with no body (the spec defines none).
 */
export function createFeedbackHandler(service: ServiceSpec, deps: EndpointDeps): BodyEndpoint<unknown> {
  return async (_req, res, body) => {
    const items = parseFeedback(body);
    const receivedAt = deps.now();
    const counts: Record<FeedbackResult, number> = { stored: 0, duplicate: 0, 'unknown-card': 0 };
    for (const item of items) {
      const comment = deps.config.storeFeedbackComments ? item.overrideReason?.userComment : undefined;
      const result = await deps.state.recordFeedback({
        cardUuid: item.card,
        serviceId: service.id,
        outcome: item.outcome,
        overrideReason: reasonCode(deps, item),
        acceptedSuggestions: item.acceptedSuggestions?.length ?? 0,
        outcomeAt: new Date(item.outcomeTimestamp).toISOString(),
        receivedAt,
        userComment: comment,
      });
      counts[result]++;
    }
    deps.log('cds.feedback.received', { service: service.id, ...counts });
    res.status(200).end();
  };
}
