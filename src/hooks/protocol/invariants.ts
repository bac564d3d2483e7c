import type { CdsServiceResponse } from './cds.types.ts';

/**
 * The FHIRPath invariants of the CDS Hooks logical models (HL7/cds-hooks `input/fsh/invariants/*.fsh`), ported by
 * hand because running them needs the HL7 Java validator. Each check returns the violations it finds.
 */
export interface InvariantViolation {
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly message: string;
}

type Json = Readonly<Record<string, unknown>>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
const exists = (value: unknown) => value !== undefined && value !== null;

/** cds-r-1 (fhirAuthorization ⇒ fhirServer) and cds-r-2 (patient scopes ⇒ `patient`, warning). */
export function checkRequestInvariants(request: unknown): InvariantViolation[] {
  const r = obj(request);
  const violations: InvariantViolation[] = [];
  const auth = obj(r?.fhirAuthorization);
  if (auth && !exists(r?.fhirServer)) {
    violations.push({
      id: 'cds-r-1',
      severity: 'error',
      path: 'fhirServer',
      message: 'fhirAuthorization requires fhirServer',
    });
  }
  if (auth && typeof auth.scope === 'string' && auth.scope.includes('patient/') && !exists(auth.patient)) {
    violations.push({
      id: 'cds-r-2',
      severity: 'warning',
      path: 'fhirAuthorization.patient',
      message: 'patient scopes should come with fhirAuthorization.patient',
    });
  }
  return violations;
}

function checkAction(action: unknown, path: string): InvariantViolation[] {
  const a = obj(action);
  const violations: InvariantViolation[] = [];
  if (a?.type === 'delete' && (!exists(a.resourceId) || exists(a.resource))) {
    violations.push({
      id: 'cds-resp-2',
      severity: 'warning',
      path,
      message: 'delete needs resourceId, not resource',
    });
  }
  if (!exists(a?.description)) {
    violations.push({
      id: 'cds-resp-5',
      severity: 'error',
      path,
      message: 'every action needs a description',
    });
  }
  return violations;
}

const ACTION_SELECTION = new Set(['all', 'any', 'at-most-one']);

function checkSuggestion(suggestion: unknown, path: string): InvariantViolation[] {
  const s = obj(suggestion);
  const violations = list(s?.actions).flatMap((a, i) => checkAction(a, `${path}.actions[${i}]`));
  if (exists(s?.actionSelectionBehavior) && !ACTION_SELECTION.has(String(s?.actionSelectionBehavior))) {
    violations.push({
      id: 'cds-resp-7',
      severity: 'error',
      path,
      message: 'actionSelectionBehavior must be all, any or at-most-one',
    });
  }
  return violations;
}

function checkCard(card: unknown, path: string): InvariantViolation[] {
  const c = obj(card);
  const suggestions = list(c?.suggestions);
  const violations = suggestions.flatMap((s, i) => checkSuggestion(s, `${path}.suggestions[${i}]`));
  if (
    c?.selectionBehavior === 'at-most-one' &&
    suggestions.filter((s) => obj(s)?.isRecommended === true).length > 1
  ) {
    violations.push({
      id: 'cds-resp-1',
      severity: 'error',
      path,
      message: 'at-most-one allows one recommended suggestion',
    });
  }
  list(c?.links).forEach((link, i) => {
    const l = obj(link);
    if (l?.type !== 'smart' && exists(l?.appContext)) {
      violations.push({
        id: 'cds-resp-3',
        severity: 'error',
        path: `${path}.links[${i}]`,
        message: 'appContext only on smart links',
      });
    }
  });
  list(c?.overrideReasons).forEach((reason, i) => {
    if (!exists(obj(reason)?.display)) {
      violations.push({
        id: 'cds-resp-4',
        severity: 'error',
        path: `${path}.overrideReasons[${i}]`,
        message: 'override reasons need a display',
      });
    }
  });
  if (suggestions.length > 0 && !exists(c?.selectionBehavior)) {
    violations.push({
      id: 'cds-resp-6',
      severity: 'error',
      path,
      message: 'suggestions require selectionBehavior',
    });
  }
  return violations;
}

/** cds-resp-1 … cds-resp-7 over a service response (cards and systemActions). */
export function checkResponseInvariants(response: CdsServiceResponse | unknown): InvariantViolation[] {
  const r = obj(response);
  return [
    ...list(r?.cards).flatMap((card, i) => checkCard(card, `cards[${i}]`)),
    ...list(r?.systemActions).flatMap((a, i) => checkAction(a, `systemActions[${i}]`)),
  ];
}

/** cds-fb-1 (outcome accepted|overridden), cds-fb-2 (accepted ⇒ acceptedSuggestions), cds-fb-3 (reason or comment). */
export function checkFeedbackInvariants(item: unknown, path = 'feedback'): InvariantViolation[] {
  const f = obj(item);
  const violations: InvariantViolation[] = [];
  if (f?.outcome !== 'accepted' && f?.outcome !== 'overridden') {
    violations.push({
      id: 'cds-fb-1',
      severity: 'error',
      path: `${path}.outcome`,
      message: 'outcome must be accepted or overridden',
    });
  }
  if (f?.outcome === 'accepted' && list(f.acceptedSuggestions).length === 0) {
    violations.push({
      id: 'cds-fb-2',
      severity: 'error',
      path: `${path}.acceptedSuggestions`,
      message: 'accepted requires acceptedSuggestions',
    });
  }
  const reason = obj(f?.overrideReason);
  if (exists(f?.overrideReason) && !exists(reason?.reason) && !exists(reason?.userComment)) {
    violations.push({
      id: 'cds-fb-3',
      severity: 'error',
      path: `${path}.overrideReason`,
      message: 'overrideReason needs a reason or a userComment',
    });
  }
  return violations;
}

/** ord-1: order-select `selections` are `{type}/{id}` references. */
export function checkReferenceFormat(value: string, path: string): InvariantViolation[] {
  return /^[\d\w]+\/[\d\w\-.]+$/.test(value)
    ? []
    : [{ id: 'ord-1', severity: 'error', path, message: 'must be in the format {type}/{id}' }];
}
