// What the whole channel thread or group chat sees holds nothing personal: every card and text the bot
// posts there is rendered from a case whose every free-text field holds a marker, and no marker shows.
// Also: the unknown-command answer repeats nothing of what was written.
import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CASE_VIEWS } from '../../bot/app/readCase';
import type { Case } from '../../bot/domain/case';
import { meetingById } from '../../bot/domain/meeting';
import type { Messages } from '../../bot/i18n';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { inPersonalChat, inSharedConversation } from '../../bot/i18n/commandHint';
import { createLogger } from '../../bot/logger';
import { OUTBOX_KINDS, type OutboxMessage } from '../../bot/store/port';
import { COMMAND_NAMES } from '../../bot/teams/actions/registry';
import { handleMessage } from '../../bot/teams/messageHandler';
import { renderForConversation } from '../../bot/teams/renderOutbox';
import { createCaseCard } from '../../cards/caseCards';
import { baseCard, code, meetingBaseCard, minutesBaseCard } from '../../cards/channelCards';
import { meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import { closeConfirmCard, eraseConfirmCard } from '../../cards/rightsCards';
import { appDeps } from '../app/appFixture';
import { BIRTH_DATE, PHONE, TENANT, THREAD, caseWithText } from '../support/caseWithText';
import { NOW } from '../domain/fixtures';

/**
 * In every free-text field (test/support/caseWithText.ts: the young person's name and contact, the
 * members' names, roles named by hand, support offers, the parental holder, checklist text answers, a
 * cancellation's own reason, goals, agreements, closing answers, the summary, the changes asked for);
 * the phone and the birth date are personal too, and looked for as well. Meeting 1 is held and its
 * minutes approved, meeting 2 cancelled with "Andet" and a text, meeting 3 open.
 */
const MARK = 'Zqxv';
const COORDINATOR = { aadObjectId: 'aad-coordinator', name: `${MARK} coordinator name` };
/** The birth date as stored and as the bot writes dates (14.03.2008, 14 Mar 2008). */
const BIRTH_DATES = [BIRTH_DATE, '14.03.2008', '14 Mar 2008', '14/03/2008'];
const LEAKS = [MARK.toLowerCase(), PHONE, PHONE.replace(/ /g, ''), ...BIRTH_DATES];

/**
 * The personal data in what was posted. The coordinator's Teams name is the one name the channel may
 * read (the case's base card names who coordinates, issue 11, section 8): it is taken out first, and
 * only it; every other member's name holds the marker as well.
 */
function leaksIn(posted: unknown): string[] {
  const text = JSON.stringify(posted).split(COORDINATOR.name).join('').toLowerCase();
  return LEAKS.filter((leak) => text.includes(leak.toLowerCase()));
}

const outbox = (kind: OutboxMessage['kind'], about: OutboxMessage['about']): OutboxMessage =>
  ({ id: `o-${kind}`, tenantId: TENANT, caseId: 'case-1', kind, to: { kind: 'conversation', conversationId: THREAD }, about, serviceUrl: 'https://smba.example/', dueAt: NOW.toISOString(), attempts: 0, status: 'pending' }) as unknown as OutboxMessage;

/** Every card the bot posts into the case's thread or group chat, for everyone there to read. */
function channelCards(m: Messages, current: Case): Record<string, unknown> {
  const cards: Record<string, unknown> = {
    createCase: createCaseCard(m),
    meetingOpen: meetingOpenCard(m, current, NOW),
    closeConfirm: closeConfirmCard(m, current, '2031-11-23'),
    eraseConfirm: eraseConfirmCard(m, current),
    minutesBase: minutesBaseCard(m, current, meetingById(current, 'meeting-1')),
  };
  for (const view of CASE_VIEWS) cards[`base ${view}`] = baseCard(m, current, view);
  for (const meeting of current.meetings) {
    cards[`meetingBase ${meeting.id} (${meeting.status})`] = meetingBaseCard(m, current, meeting);
    if (meeting.status === 'open' || meeting.status === 'planned') cards[`meetingCancel ${meeting.id}`] = meetingCancelCard(m, current, meeting);
  }
  return cards;
}

describe('what the whole channel sees', () => {
  const current = caseWithText((field) => `${MARK} ${field}`, MARK);

  it('the marked case really holds the marker in its texts (so the test below can fail)', () => {
    expect(leaksIn(current)).toEqual(expect.arrayContaining([MARK.toLowerCase(), PHONE, BIRTH_DATE]));
    expect(current.meetings.map((meeting) => meeting.status)).toEqual(['held', 'cancelled', 'open']);
  });

  describe.each([
    ['da', da],
    ['en', en],
  ] as const)('%s', (_language, m) => {
    it('no card posted in the channel shows a name or typed text: not the reason a meeting was cancelled', () => {
      const cards = channelCards(m, current);
      const leaking = Object.entries(cards).filter(([, card]) => leaksIn(card).length > 0);
      expect(leaking.map(([name, card]) => ({ name, leaks: leaksIn(card) }))).toEqual([]);
      // The cancelled meeting says only that.
      const cancelled = JSON.stringify(cards['meetingBase meeting-2 (cancelled)']);
      expect(cancelled).toContain(JSON.stringify(m.cards.meeting.states.cancelled));
      expect(cancelled).not.toContain(m.checklist.cancellationReasons.other);
    });

    it("the outbox posts to a conversation only the minutes card, the updates of the checklist's, the case's, the closing and the minutes' card, and the mention, with nothing but the Teams name mentioned", () => {
      const minutes = renderForConversation(m, current, outbox('minutes', { meetingId: 'meeting-1' }));
      expect('activity' in minutes && leaksIn(minutes.activity)).toEqual([]);
      for (const member of current.members) {
        const mention = renderForConversation(m, current, outbox('unreachable', { memberId: member.id }));
        if (member.person.kind !== 'teams') {
          expect(mention).toEqual({ skip: 'member gone' });
          continue;
        }
        // A mention is by name (PRODUCT.md: the person is mentioned in the thread): the Teams name only.
        const { name } = member.person;
        const rest = JSON.stringify('activity' in mention && mention.activity).split(name).join('');
        expect(leaksIn(rest), member.id).toEqual([]);
        expect(JSON.stringify(mention)).toContain(`<at>${name}</at>`);
      }
      // The checklist's card is updated in place, where it was posted, as its base card: nothing personal.
      const posted: Case = { ...current, meetings: current.meetings.map((meeting) => (meeting.id === 'meeting-3' ? { ...meeting, card: { conversationId: THREAD, activityId: 'posted-1' } } : meeting)) };
      const checklist = renderForConversation(m, posted, outbox('checklistCard', { meetingId: 'meeting-3', digest: 'checklistCard meeting-3' }));
      expect(checklist).toMatchObject({ updates: 'posted-1', activity: { attachments: [{ content: meetingBaseCard(m, posted, meetingById(posted, 'meeting-3')) }] } });
      expect('activity' in checklist && leaksIn(checklist.activity)).toEqual([]);
      expect(renderForConversation(m, current, outbox('checklistCard', { meetingId: 'meeting-3', digest: 'checklistCard meeting-3' }))).toEqual({ skip: 'card gone' });
      // The case's base card, the thread's first post, is updated in place as the base card: nothing of the young person.
      const homed: Case = { ...posted, home: { kind: 'channelThread', conversationId: THREAD, baseCardId: 'first-post' } };
      const caseCard = renderForConversation(m, homed, outbox('caseCard', { digest: 'caseCard' }));
      expect(caseCard).toMatchObject({ updates: 'first-post', activity: { attachments: [{ content: baseCard(m, homed, 'overview') }] } });
      expect('activity' in caseCard && leaksIn(caseCard.activity)).toEqual([]);
      expect(renderForConversation(m, current, outbox('caseCard', { digest: 'caseCard' }))).toEqual({ skip: 'card gone' });
      // A closing card `afslut` posted, likewise, as the closing view's base card.
      const closingPosted: Case = { ...posted, meetings: posted.meetings.map((meeting) => (meeting.id === 'meeting-3' ? { ...meeting, closingCards: [{ conversationId: THREAD, activityId: 'afslut-1' }] } : meeting)) };
      const closing = renderForConversation(m, closingPosted, outbox('closingCard', { meetingId: 'meeting-3', activityId: 'afslut-1', digest: 'closingCard afslut-1' }));
      expect(closing).toMatchObject({ updates: 'afslut-1', activity: { attachments: [{ content: baseCard(m, closingPosted, 'closing') }] } });
      expect('activity' in closing && leaksIn(closing.activity)).toEqual([]);
      expect(renderForConversation(m, closingPosted, outbox('closingCard', { meetingId: 'meeting-3', activityId: 'another', digest: 'closingCard another' }))).toEqual({ skip: 'card gone' });
      // The minutes' card, where the outbox posted it.
      const minutesPosted: Case = { ...posted, meetings: posted.meetings.map((meeting) => (meeting.id === 'meeting-1' ? { ...meeting, minutesCard: { conversationId: THREAD, activityId: 'minutes-1' } } : meeting)) };
      const minutesUpdate = renderForConversation(m, minutesPosted, outbox('minutesCard', { meetingId: 'meeting-1', digest: 'minutesCard meeting-1' }));
      expect(minutesUpdate).toMatchObject({ updates: 'minutes-1', activity: { attachments: [{ content: minutesBaseCard(m, minutesPosted, meetingById(minutesPosted, 'meeting-1')) }] } });
      expect('activity' in minutesUpdate && leaksIn(minutesUpdate.activity)).toEqual([]);
      expect(renderForConversation(m, current, outbox('minutesCard', { meetingId: 'meeting-1', digest: 'minutesCard meeting-1' }))).toEqual({ skip: 'card gone' });
      // Anything else addressed to a conversation is never posted there.
      const postedThere: readonly string[] = ['minutes', 'unreachable', 'checklistCard', 'caseCard', 'closingCard', 'minutesCard'];
      for (const kind of OUTBOX_KINDS.filter((candidate) => !postedThere.includes(candidate))) {
        expect(renderForConversation(m, current, outbox(kind, { meetingId: 'meeting-1', ownerMemberId: 'm-vip', agreementId: 'agreement-1', memberId: 'm-jonas' })), kind).toEqual({
          skip: 'not for a conversation',
        });
      }
    });
  });

  describe("the thread's base card (issue 11, section 8: a thread found among twenty)", () => {
    const factsOf = (card: unknown) => Object.fromEntries(((card as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body.find((element) => element.type === 'FactSet')?.facts ?? []).map((fact) => [fact.title, fact.value]));

    it.each([
      ['da', da, { Koordinator: COORDINATOR.name, 'Sagen oprettet': '23.11.2026', 'Næste møde': '24.11.2026 kl. 10:00 (i gang)' }],
      ['en', en, { Coordinator: COORDINATOR.name, 'Case opened': '23/11/2026', 'Next meeting': '24/11/2026 at 10:00 (under way)' }],
    ] as const)('%s: names the coordinator, the day the case was opened and the next meeting, and nothing of the young person', (_language, m, facts) => {
      const card = baseCard(m, current, 'overview');
      expect(factsOf(card)).toEqual(facts);
      const text = JSON.stringify(card);
      expect(text).not.toContain(current.youngPerson.name);
      for (const birthDate of BIRTH_DATES) expect(text).not.toContain(birthDate);
      expect(leaksIn(card)).toEqual([]);
    });

    it('says a planned meeting by its time, and when none is planned', () => {
      const planned: Case = { ...current, meetings: current.meetings.map((meeting) => (meeting.id === 'meeting-3' ? { ...meeting, status: 'planned' } : meeting)) };
      expect(factsOf(baseCard(da, planned, 'overview'))['Næste møde']).toBe('24.11.2026 kl. 10:00');
      const none: Case = { ...current, meetings: current.meetings.filter((meeting) => meeting.id !== 'meeting-3') };
      expect(factsOf(baseCard(da, none, 'overview'))['Næste møde']).toBe(da.cards.threadBase.noMeeting);
      expect(factsOf(baseCard(en, none, 'overview'))['Next meeting']).toBe('No meeting planned');
    });

    it("`afslut`'s card says the meeting and its state: closed and approved, or open", () => {
      const approved: Case = { ...current, meetings: current.meetings.filter((meeting) => meeting.id !== 'meeting-3') };
      expect(factsOf(baseCard(da, approved, 'closing'))).toEqual({ Møde: 'Netværksmøde nr. 1', Status: 'Lukket: referatet er godkendt' });
      expect(factsOf(baseCard(da, current, 'closing'))).toEqual({ Møde: 'Netværksmøde nr. 2', Status: 'Åbent' });
    });
  });

  it('channel cards refuse anything but ids and references where an id goes', () => {
    expect(code('S-ABCDE')).toBe('S-ABCDE');
    expect(code('29:1a-B_c')).toBe('29:1a-B_c');
    expect(() => code('Åse Hansen')).toThrow();
    expect(() => code('[x](https://evil.example)')).toThrow();
  });

  it('a Teams user id of an unforeseen form loses only its automatic refresh, never the channel post', () => {
    const current = caseWithText((field) => field);
    const odd: Case = {
      ...current,
      members: current.members.map((member, index) =>
        index === 0 && member.person.kind === 'teams' ? { ...member, person: { ...member.person, teamsUserId: '29:odd id' } } : member,
      ),
    };
    const card = baseCard(da, odd, 'overview');
    const userIds = (card.refresh as { userIds: string[] }).userIds;
    expect(userIds).not.toContain('29:odd id');
    expect(userIds.length).toBeGreaterThan(0);
  });

  it('every command written in the channel thread is answered without a name or typed text', async () => {
    const deps = appDeps();
    await deps.store.createCase(current, { audit: [] });
    const log = createLogger('silent');
    const sent: unknown[] = [];
    for (const command of [...COMMAND_NAMES, 'hjælp', 'sag', 'team', 'samtykke', 'møde', 'aflys', 'mål', 'afslut', 'mine', 'eksport', 'luk sag', 'slet sag', `${MARK} hvad`]) {
      const activity = {
        type: 'message',
        id: `activity-${command}`,
        text: command,
        conversation: { id: THREAD, conversationType: 'channel', isGroup: true },
        from: { id: '29:mette', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name },
      } as unknown as Activity;
      const context = { activity, sendActivity: async (reply: unknown) => void sent.push(reply) } as unknown as TurnContext;
      await handleMessage(context, { deps, log, botAppId: '' }, { tenantId: TENANT, aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name }, da);
    }
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((reply) => leaksIn(reply).length > 0)).toEqual([]);
  });
});

describe('an unknown command', () => {
  const hostile = '[Log ind igen](https://evil.example/login) **nu**';

  it.each(['channel', 'groupChat', 'personal'] as const)('in a %s is answered without repeating what was written', async (conversationType) => {
    const sent: unknown[] = [];
    const activity = {
      type: 'message',
      id: 'activity-1',
      text: hostile,
      conversation: { id: 'conversation-1', conversationType, isGroup: conversationType !== 'personal' },
      from: { id: '29:lise', aadObjectId: 'aad-lise', name: 'Lise Holm' },
    } as unknown as Activity;
    const context = { activity, sendActivity: async (reply: unknown) => void sent.push(reply) } as unknown as TurnContext;
    await handleMessage(context, { deps: appDeps(), log: createLogger('silent'), botAppId: '' }, { tenantId: TENANT, aadObjectId: 'aad-lise', name: 'Lise Holm' }, da);
    expect(sent).toEqual([da.unknownCommand(conversationType === 'personal' ? inPersonalChat : inSharedConversation)]);
    expect(JSON.stringify(sent)).not.toMatch(/evil|Log ind igen|\*\*nu/);
  });
});
