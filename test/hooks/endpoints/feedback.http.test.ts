import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdsCard } from '../../../src/hooks/index.ts';
import { openStateStore, type StateStore } from '../../../src/state/index.ts';
import { type Harness, hookBody, SERVICE_ID, startCds } from '../cds-harness.ts';
import { fullPrefetch, repeatSelfHarm } from '../prefetch-builders.ts';

const PATH = `/cds-services/${SERVICE_ID}`;
const FEEDBACK = `${PATH}/feedback`;
const LOCAL = 'https://fhir.safe-enquiry.org/CodeSystem/safe-enquiry-local';

let dir: string;
let file: string;
let state: StateStore;
let h: Harness;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-feedback-'));
  file = path.join(dir, 'state.sqlite');
  state = await openStateStore(file);
  h = await startCds({ deps: { state } });
});
afterAll(async () => {
  await h.close();
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

async function showCard(): Promise<CdsCard> {
  const res = await h.post(PATH, hookBody({ prefetch: fullPrefetch(repeatSelfHarm()) }));
  const [card] = ((await res.json()) as { cards: CdsCard[] }).cards;
  if (!card) throw new Error('no card');
  return card;
}

const at = '2026-06-10T09:01:00Z';

function rows(sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('feedback endpoint (CDS Hooks 2.0 "Feedback")', () => {
  it('stores an accepted suggestion and an override with its reason code (sandbox sends no display)', async () => {
    const accepted = await showCard();
    const overridden = await showCard();
    const res = await h.post(FEEDBACK, {
      feedback: [
        {
          card: accepted.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: accepted.suggestions?.[0]?.uuid }],
          outcomeTimestamp: at,
        },
        {
          card: overridden.uuid,
          outcome: 'overridden',
          overrideReason: { reason: { system: LOCAL, code: 'override-not-safe-now' } },
          outcomeTimestamp: at,
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const stored = rows(
      `SELECT card_uuid, outcome, override_reason, accepted_suggestions FROM feedback ORDER BY outcome`,
    );
    expect(stored).toEqual([
      { card_uuid: accepted.uuid, outcome: 'accepted', override_reason: null, accepted_suggestions: 1 },
      {
        card_uuid: overridden.uuid,
        outcome: 'overridden',
        override_reason: 'override-not-safe-now',
        accepted_suggestions: 0,
      },
    ]);
  });

  it('ignores duplicates and unknown cards, and never stores free text by default', async () => {
    const card = await showCard();
    const item = {
      card: card.uuid,
      outcome: 'overridden',
      overrideReason: {
        reason: { system: LOCAL, code: 'override-not-alone', display: 'Patient not alone' },
        userComment: 'partner in the room',
      },
      outcomeTimestamp: '2026-06-10T09:02:00+01:00',
    };
    expect((await h.post(FEEDBACK, { feedback: [item, item] })).status).toBe(200);
    expect((await h.post(FEEDBACK, { feedback: [{ ...item, card: randomUUID() }] })).status).toBe(200);
    const stored = rows(`SELECT outcome_at, user_comment FROM feedback WHERE card_uuid = '${card.uuid}'`);
    expect(stored).toEqual([{ outcome_at: '2026-06-10T08:02:00.000Z', user_comment: null }]);
    expect(rows(`SELECT COUNT(*) AS n FROM feedback`)).toEqual([{ n: 3 }]);
  });

  it('records a reason the card did not offer as "unlisted"', async () => {
    const card = await showCard();
    const reason = { reason: { system: 'http://example.org/reasons', code: 'busy' } };
    await h.post(FEEDBACK, {
      feedback: [{ card: card.uuid, outcome: 'overridden', overrideReason: reason, outcomeTimestamp: at }],
    });
    expect(rows(`SELECT override_reason FROM feedback WHERE card_uuid = '${card.uuid}'`)).toEqual([
      { override_reason: 'unlisted' },
    ]);
  });

  it.each([
    {
      name: 'cds-fb-1: outcome not accepted/overridden',
      item: { card: 'c', outcome: 'dismissed', outcomeTimestamp: at },
    },
    {
      name: 'cds-fb-2: accepted without acceptedSuggestions',
      item: { card: 'c', outcome: 'accepted', outcomeTimestamp: at },
    },
    {
      name: 'cds-fb-3: overrideReason with neither reason nor comment',
      item: { card: 'c', outcome: 'overridden', overrideReason: {}, outcomeTimestamp: at },
    },
    {
      name: 'outcomeTimestamp not RFC 3339',
      item: { card: 'c', outcome: 'overridden', outcomeTimestamp: '10/06/2026' },
    },
  ])('400 OperationOutcome: $name', async ({ item }) => {
    const res = await h.post(FEEDBACK, { feedback: [item] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      resourceType: string;
      issue: { details: { coding: { code: string }[] } }[];
    };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.details.coding[0]?.code).toBe('invalid-feedback');
  });

  it('400 when feedback is not an object containing an array', async () => {
    expect((await h.post(FEEDBACK, [{ card: 'c' }])).status).toBe(400);
    expect((await h.post(FEEDBACK, { feedback: [] })).status).toBe(400);
  });

  it('feeds the pilot report: shown, accepted, overridden by reason', async () => {
    const report = await state.pilotReport({ fromMonth: '2026-06', toMonth: '2026-06' });
    expect(report).toEqual([
      {
        month: '2026-06',
        cardKind: 'enquiry',
        ruleId: 'repeat-self-harm',
        shown: 4,
        accepted: 1,
        overridden: 3,
        noResponse: 0,
        overrideReasons: { 'override-not-alone': 1, 'override-not-safe-now': 1, unlisted: 1 },
      },
    ]);
  });
});

describe('feedback free text, when explicitly enabled', () => {
  it('stores userComment only with storeFeedbackComments', async () => {
    const withComments = await startCds({ deps: { state }, config: { storeFeedbackComments: true } });
    try {
      const res = await withComments.post(PATH, hookBody({ prefetch: fullPrefetch(repeatSelfHarm()) }));
      const [card] = ((await res.json()) as { cards: CdsCard[] }).cards;
      const item = {
        card: card?.uuid,
        outcome: 'overridden',
        overrideReason: { userComment: 'asked last week' },
        outcomeTimestamp: at,
      };
      await withComments.post(FEEDBACK, { feedback: [item] });
      expect(rows(`SELECT user_comment FROM feedback WHERE card_uuid = '${card?.uuid}'`)).toEqual([
        { user_comment: 'asked last week' },
      ]);
    } finally {
      await withComments.close();
    }
  });
});
