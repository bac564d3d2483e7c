import { describe } from 'vitest';
import { ConformanceClient, type ConformanceTarget } from './conformance-client.ts';
import { describeCrud } from './crud.conformance.ts';
import { describeErrors } from './errors.conformance.ts';
import { describeSearch } from './search.conformance.ts';
import { describeTransactions } from './transaction.conformance.ts';

export type { ConformanceTarget } from './conformance-client.ts';

/**
 * A FHIR R4 REST conformance suite written against the protocol only (`fetch`, no server imports), so it runs
 * against the sandbox or any other FHIR server: CRUD and versioning (ETag, Location, vread, history), If-Match,
 * conditional create, search semantics (token, reference forms, date prefixes and ranges, `_sort`, `_count` with
 * next links, `_include`, `_revinclude`, `_security` and `:not`, chained identifier, quantity), transactions
 * (urn:uuid rewriting, atomic rollback, conditional entries) and batches, labels preserved, and bad requests.
 * It tolerates documented server differences (e.g. 400 or ignore for unknown parameters) and keeps every
 * transaction with a conditional entry to 8 entries or fewer.
 *
 * @param getTarget - called when each test runs, so the base URL may be known only after `beforeAll`.
 */
export function describeFhirConformance(getTarget: () => ConformanceTarget): void {
  const client = new ConformanceClient(getTarget);
  describe('FHIR R4 conformance', () => {
    describeCrud(client);
    describeSearch(client);
    describeTransactions(client);
    describeErrors(client);
  });
}
