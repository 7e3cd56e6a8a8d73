// Calendar events through Graph, app-only (Calendars.ReadWrite, limited to the municipality's
// caseworkers' mailboxes by an Exchange application access policy: README, "Microsoft Graph"):
// create in a user's calendar (with a transaction id, so a retried create makes one event), update,
// cancel (the organizer's cancellation, which tells the attendees), and an invitee's address.
import { type GraphClient, graphPath } from './graphClient';
import { GraphNotFound } from './graphErrors';

export interface Attendee {
  emailAddress: { address: string };
  type: 'required';
}

export interface GraphCalendar {
  /** The new event's id. `transactionId`: the same for every try of one create, so Graph makes one event. */
  create(tenantId: string, mailboxAadObjectId: string, event: Record<string, unknown>, transactionId: string): Promise<string>;
  update(tenantId: string, mailboxAadObjectId: string, eventId: string, event: Record<string, unknown>): Promise<void>;
  cancel(tenantId: string, mailboxAadObjectId: string, eventId: string, comment: string): Promise<void>;
  /** Each Teams user's work address (User.Read.All); one who is gone from the directory is left out. */
  addressesOf(tenantId: string, aadObjectIds: readonly string[]): Promise<string[]>;
}

export function graphCalendar(graph: GraphClient): GraphCalendar {
  return {
    async create(tenantId, mailbox, event, transactionId) {
      const created = await graph.request<{ id?: unknown }>(tenantId, { method: 'POST', path: graphPath`/users/${mailbox}/events`, body: { ...event, transactionId } });
      if (typeof created?.id !== 'string') throw new Error('Graph returned no event id');
      return created.id;
    },
    async update(tenantId, mailbox, eventId, event) {
      await graph.request(tenantId, { method: 'PATCH', path: graphPath`/users/${mailbox}/events/${eventId}`, body: event });
    },
    async cancel(tenantId, mailbox, eventId, comment) {
      await graph.request(tenantId, { method: 'POST', path: graphPath`/users/${mailbox}/events/${eventId}/cancel`, body: { Comment: comment } });
    },
    async addressesOf(tenantId, aadObjectIds) {
      const addresses: string[] = [];
      for (const id of aadObjectIds) {
        try {
          const user = await graph.request<{ mail?: unknown; userPrincipalName?: unknown }>(tenantId, { method: 'GET', path: `${graphPath`/users/${id}`}?$select=mail,userPrincipalName` });
          const address = typeof user?.mail === 'string' && user.mail ? user.mail : user?.userPrincipalName;
          if (typeof address === 'string' && address.includes('@')) addresses.push(address);
        } catch (error) {
          if (!(error instanceof GraphNotFound)) throw error;
        }
      }
      return addresses;
    },
  };
}

export const attendeesOf = (addresses: readonly string[]): Attendee[] => [...new Set(addresses.map((address) => address.toLowerCase()))].map((address) => ({ emailAddress: { address }, type: 'required' }));
