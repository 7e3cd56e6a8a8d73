import { type AdaptiveCardJson, renderCard } from './render';

export type MessageTone = 'default' | 'good' | 'attention';

export function messageCard(title: string, text: string, tone: MessageTone = 'default'): AdaptiveCardJson {
  return renderCard('message', { title, text, color: tone === 'default' ? 'Default' : tone === 'good' ? 'Good' : 'Attention' });
}
