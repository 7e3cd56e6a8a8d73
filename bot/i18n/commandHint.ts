// How a hint tells the user to write a command. In a channel or group chat the bot hears only messages
// that @mention it: the app deliberately does not take the permission to read every channel message
// (least privilege: the channel talks about a child), so a hint shown there names the mention.
export const BOT_MENTION = '@Samarbejdsbot';

/** A command as the user must write it where the hint is shown. */
export type WriteCommand = (command: string) => string;

export const inPersonalChat: WriteCommand = (command) => command;
export const inSharedConversation: WriteCommand = (command) => `${BOT_MENTION} ${command}`;
