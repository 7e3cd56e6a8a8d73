// Teams' description of a conversation the bot writes to later: the case's home (a channel thread or a
// group chat), or a 1:1 chat. The connector refuses a reference without the right conversation type.
import type { ConversationAccount } from 'botbuilder';
import type { Case } from '../domain/case';

export function conversationAccount(current: Case, conversationId: string): ConversationAccount {
  const atHome = current.home?.conversationId === conversationId;
  const conversationType = atHome ? (current.home?.kind === 'groupChat' ? 'groupChat' : 'channel') : 'personal';
  return { id: conversationId, isGroup: conversationType !== 'personal', conversationType, name: '' };
}
