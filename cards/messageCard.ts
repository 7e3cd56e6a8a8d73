import { type AdaptiveCardJson, renderCard } from './render';

export type MessageTone = 'default' | 'good' | 'attention';

/** `link`: a button that opens a place in Teams (a new case's thread); its url is the bot's own, never typed text. */
export function messageCard(title: string, text: string, tone: MessageTone = 'default', link?: { title: string; url: string }): AdaptiveCardJson {
  return renderCard('message', { title, text, color: tone === 'default' ? 'Default' : tone === 'good' ? 'Good' : 'Attention', link: link ?? { title: '', url: '' } });
}
