import { describe, expect, it } from 'vitest';
import { mapFormToBundle, parseDvaForm } from '../../src/recording/index.ts';
import { defaultSandboxClients } from '../../src/sandbox/auth/index.ts';
import { parseSmartScope } from '../../src/sandbox/auth/smart-scope.parser.ts';
import {
  appScopes,
  REVIEW_READ_TYPES,
  REVIEW_WRITE_SCOPES,
  reviewScopes,
  WRITTEN_RESOURCE_TYPES,
} from '../../src/smart-app/shared/index.ts';
import { buildFormInput } from '../../src/smart-app/web/form/draft-to-form.ts';
import { disclosedDraft, PATIENT } from './helpers/drafts.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

function writtenTypes(input: Record<string, unknown>): string[] {
  const form = parseDvaForm(input, { patientId: PATIENT });
  const bundle = mapFormToBundle(form, {
    submissionId: 'submission-1',
    patientId: PATIENT,
    authorRef: 'Practitioner/p1',
    now: NOW,
  });
  return (bundle.entry ?? []).map((e) => e.resource?.resourceType ?? '');
}

describe('the SMART scopes the app asks for', () => {
  it('cover exactly the resource types the recording Bundle writes', () => {
    const enquiry = writtenTypes(buildFormInput(disclosedDraft(), PATIENT));
    const perpetration = writtenTypes({
      suspectedPerpetration: {
        patientId: PATIENT,
        source: 'third-party',
        riskToOthers: true,
        riskToChildren: false,
      },
    });
    expect([...new Set([...enquiry, ...perpetration])].sort()).toEqual([...WRITTEN_RESOURCE_TYPES]);
  });

  it.each([
    ['ehr', 'launch', 'launch/patient'],
    ['standalone', 'launch/patient', 'launch'],
  ] as const)(
    'for a %s launch ask %s (not %s), identity, and only create/update to write',
    (kind, has, hasNot) => {
      const scopes = appScopes(kind).split(' ');
      expect(scopes).toContain(has);
      expect(scopes).not.toContain(hasNot);
      expect(scopes).toEqual(expect.arrayContaining(['openid', 'fhirUser']));
      for (const type of WRITTEN_RESOURCE_TYPES) expect(scopes).toContain(`user/${type}.cu`);
      const grants = scopes.filter((s) => s.includes('/') && !s.startsWith('launch')).map(parseSmartScope);
      expect(grants.every((g) => g !== undefined && !g.interactions.has('d'))).toBe(true);
      expect(grants.filter((g) => g?.context === 'patient').every((g) => !g?.interactions.has('c'))).toBe(
        true,
      );
    },
  );

  it('are all within what the sandbox registers for the app client', () => {
    const client = defaultSandboxClients('http://localhost:8080').find(
      (c) => c.clientId === 'safe-enquiry-app',
    );
    const registered = (client?.scope ?? '').split(' ');
    for (const scope of [...appScopes('ehr').split(' '), ...reviewScopes('ehr').split(' ')]) {
      const grant = parseSmartScope(scope);
      expect(
        grant ? registered.includes(`${grant.context}/*.cruds`) : registered.includes(scope),
        scope,
      ).toBe(true);
    }
  });

  it('keep the recording entry to the launch patient: no user-level read of a clinical record', () => {
    for (const kind of ['ehr', 'standalone'] as const) {
      const userReads = appScopes(kind)
        .split(' ')
        .map(parseSmartScope)
        .filter((g) => g?.context === 'user' && (g.interactions.has('r') || g.interactions.has('s')));
      expect(userReads.map((g) => g?.resourceType).sort()).toEqual(['Patient', 'RelatedPerson']);
    }
  });

  it.each([
    ['ehr', ['launch']],
    ['standalone', []],
  ] as const)(
    'give the safeguarding entry (%s) the review reads and writes, and no patient context',
    (kind, context) => {
      const scopes = reviewScopes(kind).split(' ');
      expect(scopes.filter((s) => s.startsWith('launch'))).toEqual(context);
      for (const type of REVIEW_READ_TYPES) expect(scopes).toContain(`user/${type}.rs`);
      expect(scopes).toEqual(expect.arrayContaining([...REVIEW_WRITE_SCOPES, 'openid', 'fhirUser']));
      expect(scopes.some((s) => s.startsWith('patient/'))).toBe(false);
    },
  );
});
