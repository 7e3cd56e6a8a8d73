// Binds data to a template from cards/templates. Templates are data (editable in the Adaptive Cards
// Designer); no card JSON is put together by hand in code.
import * as ACData from 'adaptivecards-templating';
import agreements from './templates/agreements.json';
import approval from './templates/approval.json';
import base from './templates/base.json';
import caseConfirm from './templates/caseConfirm.json';
import caseExport from './templates/caseExport.json';
import casePicker from './templates/casePicker.json';
import checklist from './templates/checklist.json';
import closeMeeting from './templates/closeMeeting.json';
import consent from './templates/consent.json';
import createCase from './templates/createCase.json';
import goalEdit from './templates/goalEdit.json';
import goals from './templates/goals.json';
import handOver from './templates/handOver.json';
import meetingBase from './templates/meetingBase.json';
import meetingCancel from './templates/meetingCancel.json';
import meetingOpen from './templates/meetingOpen.json';
import memberEdit from './templates/memberEdit.json';
import message from './templates/message.json';
import minutesBase from './templates/minutesBase.json';
import overview from './templates/overview.json';
import team from './templates/team.json';
import { CARD_VERSION } from './version';

export const TEMPLATES = {
  agreements,
  approval,
  base,
  caseConfirm,
  caseExport,
  casePicker,
  checklist,
  closeMeeting,
  consent,
  createCase,
  goalEdit,
  goals,
  handOver,
  meetingBase,
  meetingCancel,
  meetingOpen,
  memberEdit,
  message,
  minutesBase,
  overview,
  team,
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

// Parsing a template's expressions costs far more than filling it in (npm run bench): parse each once.
const parsed = new Map<TemplateName, ACData.Template>();

function templateFor(name: TemplateName): ACData.Template {
  let template = parsed.get(name);
  if (!template) {
    template = new ACData.Template(TEMPLATES[name]);
    parsed.set(name, template);
  }
  return template;
}

export function renderCard(name: TemplateName, data: Record<string, unknown>): AdaptiveCardJson {
  // An unresolved expression would stay in the output as literal text. The card tests look for that in
  // every template; here it cannot be checked, since a person may well type "${" into a field.
  return templateFor(name).expand({ $root: { v: CARD_VERSION, ...data } }) as AdaptiveCardJson;
}
