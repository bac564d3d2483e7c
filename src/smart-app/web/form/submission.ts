import type { Bundle, FhirResource } from 'fhir/r4.js';
import { type DvaForm, mapFormToBundle } from '../../../recording/index.ts';
import type { LaunchSession } from '../session/index.ts';
import { FhirHttpError, FhirNetworkError } from '../session/index.ts';

/** The outcome of one save attempt. */
export type SaveResult =
  | { readonly ok: true; readonly entries: number; readonly otherRecords: number }
  | { readonly ok: false; readonly message: string; readonly retryable: boolean };

interface Pending {
  readonly key: string;
  readonly bundle: Bundle<FhirResource>;
}

function ownerOf(resource: FhirResource): string | undefined {
  const r = resource as {
    subject?: { reference?: string };
    for?: { reference?: string };
    patient?: { reference?: string };
  };
  return r.subject?.reference ?? r.for?.reference ?? r.patient?.reference;
}

/** Entries written to a record other than the open patient's (linked children), Provenance counted with its targets. */
export function countOtherRecords(bundle: Bundle<FhirResource>, patientId: string): number {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const owners = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, ownerOf(r)]));
  return resources.filter((r) => {
    const owner = r.resourceType === 'Provenance' ? owners.get(r.target[0]?.reference ?? '') : ownerOf(r);
    return owner !== undefined && owner !== `Patient/${patientId}`;
  }).length;
}

/** Words for a failed save, and whether trying again can help. Nothing from the server is shown as it is. */
export function failureOf(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof FhirNetworkError) {
    return {
      message:
        'The record could not be reached. Your answers are kept: try again. Trying again never saves anything twice.',
      retryable: true,
    };
  }
  if (error instanceof FhirHttpError && error.status === 401) {
    return {
      message: 'Your session has ended, so nothing was saved. Open this again from the patient’s record.',
      retryable: false,
    };
  }
  if (error instanceof FhirHttpError && error.status === 403) {
    return {
      message: 'You do not have permission to save this to the record. Nothing was saved.',
      retryable: false,
    };
  }
  if (error instanceof FhirHttpError && error.status < 500) {
    return {
      message:
        'The record did not accept this entry, so nothing was saved. Try again; if it happens again, tell your system administrator.',
      retryable: true,
    };
  }
  return {
    message:
      'The record could not save this just now, so nothing was saved. Your answers are kept: try again.',
    retryable: true,
  };
}

/**
 * Saves recordings as one transaction. The Bundle for a given set of answers is built once (ids derived from the
 * draft's submission id) and sent again unchanged on a retry, so a save whose answer was lost cannot create
 * anything twice; changed answers are mapped again under the same submission id (the same resource ids).
 */
export class Saver {
  #pending: Pending | undefined;
  readonly #session: LaunchSession;
  readonly #appDevice: string | undefined;

  constructor(session: LaunchSession, appDevice: string | undefined) {
    this.#session = session;
    this.#appDevice = appDevice;
  }

  bundleFor(form: DvaForm, submissionId: string, now: Date): Bundle<FhirResource> {
    const key = `${submissionId}\n${JSON.stringify(form)}`;
    if (this.#pending?.key !== key) {
      const bundle = mapFormToBundle(form, {
        submissionId,
        patientId: this.#session.patientId,
        authorRef: this.#session.authorRef,
        now,
        ...(this.#session.encounterId ? { encounterId: this.#session.encounterId } : {}),
        ...(this.#appDevice ? { appDevice: this.#appDevice } : {}),
      });
      this.#pending = { key, bundle };
    }
    return this.#pending.bundle;
  }

  async save(form: DvaForm, submissionId: string, now: Date): Promise<SaveResult> {
    let bundle: Bundle<FhirResource>;
    try {
      bundle = this.bundleFor(form, submissionId, now);
    } catch {
      return {
        ok: false,
        message: 'These answers could not be prepared for the record. Nothing was saved.',
        retryable: false,
      };
    }
    try {
      await this.#session.fhir.transaction(bundle);
    } catch (error) {
      return { ok: false, ...failureOf(error) };
    }
    this.#pending = undefined;
    return {
      ok: true,
      entries: bundle.entry?.length ?? 0,
      otherRecords: countOtherRecords(bundle, this.#session.patientId),
    };
  }
}
