import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CdsCard, checkResponseInvariants, FORBIDDEN_SURFACE_WORDS } from '../../../src/hooks/index.ts';
import { LOCAL_SYSTEM } from '../../../src/terminology/index.ts';
import { type Harness, hookBody, SERVICE_ID, startCds, userAuthorization } from '../cds-harness.ts';
import { CODES, condition, encounter, flag, observation, patient } from '../fhir-builders.ts';
import { fullPrefetch, repeatSelfHarm } from '../prefetch-builders.ts';

const PATH = `/cds-services/${SERVICE_ID}`;
let h: Harness;
beforeAll(async () => {
  h = await startCds({ config: { maxBodyBytes: 64 * 1024 } });
});
afterAll(async () => {
  await h.close();
});

/** CDS Hooks 2.0 "JSON rules": no null, "", [] or {} anywhere (the top-level `cards: []` is the one exception). */
function emptyValues(value: unknown, path = '$'): string[] {
  if (value === null || value === '') return [path];
  if (Array.isArray(value))
    return value.length === 0 ? [path] : value.flatMap((v, i) => emptyValues(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => emptyValues(v, `${path}.${k}`));
  }
  return [];
}

async function oneCard(
  resources: Parameters<typeof fullPrefetch>[0],
  subject = patient('1990-04-02'),
): Promise<CdsCard> {
  const res = await h.post(
    PATH,
    hookBody({ ...userAuthorization, prefetch: fullPrefetch(resources, subject) }),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cards: CdsCard[] };
  expect(body.cards).toHaveLength(1);
  expect(checkResponseInvariants(body)).toEqual([]);
  expect(emptyValues(body)).toEqual([]);
  const [card] = body.cards;
  if (!card) throw new Error('no card');
  return card;
}

function surfaceTexts(card: CdsCard): string[] {
  return [
    card.summary,
    card.source.label,
    ...(card.suggestions ?? []).map((s) => s.label),
    ...(card.links ?? []).map((l) => l.label),
    ...(card.overrideReasons ?? []).map((r) => r.display ?? ''),
  ];
}

const scenarios = {
  enquiry: () => repeatSelfHarm(),
  wholeFamily16: () => [
    encounter('2026-06-10T08:30:00Z', { setting: '711', status: 'in-progress' }),
    flag(CODES.victimInHousehold, '2026-01-01'),
  ],
  review: () => [...repeatSelfHarm(), observation(CODES.victimOfDomesticAbuse, '2025-03-01')],
};

describe('cards (CDS Hooks 2.0 "Card") and discretion', () => {
  it.each([
    ['enquiry', scenarios.enquiry(), patient('1990-04-02')],
    ['whole family', scenarios.wholeFamily16(), patient('2010-01-15')],
    ['review', scenarios.review(), patient('1990-04-02')],
  ] as const)(
    '%s card: required fields, uuid everywhere, discreet surface, detail with evidence',
    async (_name, resources, subject) => {
      const card = await oneCard(resources, subject);
      expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(card.summary.length).toBeLessThan(140);
      expect(card.indicator).toBe('info');
      expect(card.source).toEqual({
        label: 'Safe Enquiry',
        topic: { system: LOCAL_SYSTEM, code: 'topic-safe-enquiry', display: 'Safe enquiry' },
      });
      for (const text of surfaceTexts(card)) {
        for (const word of FORBIDDEN_SURFACE_WORDS) expect(text.toLowerCase()).not.toContain(word);
      }
      expect(card.suggestions?.every((s) => /^[0-9a-f-]{36}$/.test(s.uuid ?? ''))).toBe(true);
      expect(card.selectionBehavior).toBe('at-most-one');
      expect(card.detail).toMatch(/\d{4}-\d{2}-\d{2}/);
    },
  );

  it('offers the override reasons of the local CodeSystem, each with a display', async () => {
    const card = await oneCard(scenarios.enquiry());
    expect(card.overrideReasons?.map((r) => r.code)).toEqual([
      'override-not-alone',
      'override-not-safe-now',
      'override-asked-recently',
      'override-declined',
      'override-not-clinically-appropriate',
      'override-already-known',
    ]);
    expect(
      card.overrideReasons?.every(
        (r) => r.system === 'https://fhir.safe-enquiry.org/CodeSystem/safe-enquiry-local' && r.display,
      ),
    ).toBe(true);
  });

  it('links to the recording app as a SMART link with appContext (hook instance, card uuid, rules)', async () => {
    const body = hookBody({ prefetch: fullPrefetch(scenarios.enquiry()) });
    const res = await h.post(PATH, body);
    const [card] = ((await res.json()) as { cards: CdsCard[] }).cards;
    const link = card?.links?.[0];
    expect(link).toMatchObject({
      label: 'Record and refer',
      url: 'https://app.test/app/launch',
      type: 'smart',
    });
    expect(JSON.parse(link?.appContext ?? '{}')).toEqual({
      hookInstance: body.hookInstance,
      card: card?.uuid,
      kind: 'enquiry',
      rules: ['repeat-self-harm'],
    });
  });

  it('the enquiry detail carries the safe-enquiry checklist, suggested words and what to do on disclosure', async () => {
    const card = await oneCard(scenarios.enquiry());
    for (const heading of [
      '### Why this prompt',
      '### Ask only when all of these are true',
      '### Suggested words',
      '### If they tell you',
    ]) {
      expect(card.detail).toContain(heading);
    }
    expect(card.detail).toContain('child over two');
    expect(card.detail).toContain('professional interpreter');
    expect(card.detail).toContain('Self inflicted injury (SNOMED CT 276853009), 2026-01-05');
    for (const reason of ['Patient not alone', 'Not safe to ask now']) {
      expect(card.overrideReasons?.map((r) => r.display)).toContain(reason);
      expect(card.detail).toContain(`**${reason}**`);
    }
  });

  it('the whole-family card for a 16-year-old covers the non-abusing parent, court-ordered contact and own relationships', async () => {
    const card = await oneCard(scenarios.wholeFamily16(), patient('2010-01-15'));
    expect(card.summary).toBe('Family context to consider for this young person (open for details)');
    for (const phrase of [
      'non-abusing parent',
      'abusing parent',
      'court-ordered',
      'Their own relationships (age 16–17)',
      '### Record and refer',
    ]) {
      expect(card.detail).toContain(phrase);
    }
  });

  it('the whole-family card for a 12-year-old does not ask about own relationships', async () => {
    const card = await oneCard(scenarios.wholeFamily16(), patient('2014-01-15'));
    expect(card.detail).not.toContain('Their own relationships');
  });

  it('gives {"cards": []} when nothing applies', async () => {
    const res = await h.post(
      PATH,
      hookBody({ prefetch: fullPrefetch([condition(CODES.depression, '2020-01-01')]) }),
    );
    expect(await res.json()).toEqual({ cards: [] });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('records each card shown as a pilot prompt event', async () => {
    const before = await h.state.pilotReport();
    await oneCard(scenarios.enquiry());
    const after = await h.state.pilotReport();
    const shown = (rows: typeof before) =>
      rows.filter((r) => r.ruleId === 'repeat-self-harm').reduce((n, r) => n + r.shown, 0);
    expect(shown(after) - shown(before)).toBe(1);
  });
});

describe('errors (every error an OperationOutcome, never a stack)', () => {
  const expectOutcome = async (res: Response, status: number, reason: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const body = (await res.json()) as {
      resourceType: string;
      issue: { details?: { coding: { code: string }[] } }[];
    };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue.map((i) => i.details?.coding[0]?.code)).toContain(reason);
    return body;
  };

  it('malformed JSON → 400', async () => {
    await expectOutcome(await h.post(PATH, '{"hook": "patient-view",'), 400, 'malformed-json');
  });

  it('a body over the limit → 413', async () => {
    await expectOutcome(
      await h.post(PATH, hookBody({ padding: 'x'.repeat(70 * 1024) })),
      413,
      'body-too-large',
    );
  });

  it('wrong hook for the service, bad hookInstance and missing patientId → one 400 listing every problem', async () => {
    const body = hookBody({
      hook: 'order-sign',
      hookInstance: 'not-a-uuid',
      context: { userId: 'Practitioner/x' },
    });
    const outcome = await expectOutcome(await h.post(PATH, body), 400, 'invalid-hook-request');
    expect(outcome.issue.length).toBeGreaterThanOrEqual(3);
  });

  it('cds-r-1: fhirAuthorization without fhirServer → 400', async () => {
    const body = hookBody({
      fhirAuthorization: {
        access_token: 't',
        token_type: 'Bearer',
        expires_in: 60,
        scope: 's',
        subject: 'c',
      },
    });
    await expectOutcome(await h.post(PATH, body), 400, 'invalid-hook-request');
  });

  it('an unknown service → 404', async () => {
    await expectOutcome(await h.post('/cds-services/no-such-service', hookBody()), 404, 'unknown-service');
  });
});

describe('CORS (origin allowlist, preflight for Authorization)', () => {
  const preflight = (origin: string) =>
    fetch(`${h.url}${PATH}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('answers a preflight from an allowed origin without a JWT', async () => {
    const res = await preflight('https://ehr.test');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://ehr.test');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses a preflight from another origin', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets the allow-origin header on real responses, including a 401', async () => {
    const res = await h.post(PATH, hookBody(), { token: null, headers: { origin: 'https://ehr.test' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://ehr.test');
    expect(res.headers.get('vary')).toContain('Origin');
  });
});
