// What a user reads when something is refused: always their language, never a stack trace.
import { type Activity, type AdaptiveCardInvokeResponse, CardFactory } from 'botbuilder';
import { DomainError } from '../domain/errors';
import type { Messages } from '../i18n';
import { inPersonalChat, inSharedConversation, type WriteCommand } from '../i18n/commandHint';
import type { ConversationKind } from './actor';
import type { AdaptiveCardJson } from '../../cards/render';

/** How a hint names a command here: in a channel or group chat the bot hears only messages that mention it. */
export function writeCommandIn(conversation: ConversationKind): WriteCommand {
  return conversation === 'personal' ? inPersonalChat : inSharedConversation;
}

export function refusalText(m: Messages, error: DomainError, conversation: ConversationKind): string {
  return m.errors[error.code](error.details, writeCommandIn(conversation));
}

/** A message that carries one card. */
export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** An updated card for the person who clicked (Universal Actions). */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** A message shown to the person who clicked, leaving the card as it was (their inputs stay). */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // Teams expects a plain string here; botbuilder's type only knows objects.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
