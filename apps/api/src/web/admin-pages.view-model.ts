import { roles, type UserListing } from '@claimdesk/accounts';
import type { Page } from '@claimdesk/persistence';
import type { DeliveryView, SubscriptionView, WebhookEvent } from '@claimdesk/webhooks';
import { webhookEvents } from '@claimdesk/webhooks';
import { confirmationOf, type FormErrors, type FormFields, noErrors } from './forms';
import type { ShownSecret } from './shown-secrets';

/** The create-user form's fields, in form order. */
export const userFields: FormFields = {
  email: { id: 'user-email', label: 'Email' },
  name: { id: 'user-name', label: 'Name' },
  role: { id: 'user-role', label: 'Role' },
  password: { id: 'user-password', label: 'Password' },
};

/** The create-token form of one user: one per user on the page, so its element id names the user. */
export const tokenFields = (userId: string): FormFields => ({
  name: { id: tokenNameId(userId), label: 'Token name' },
});

/**
 * The account controls of one user (one set per user on the page): what an
 * error summary links to when a change is refused.
 */
export const accountFields = (userId: string) => ({
  role: { id: `role-${userId}`, label: 'Role' },
  active: { id: `deactivate-${userId}`, label: 'Account' },
});

/** The add-subscription form; the summary links the events to their first checkbox. */
export const webhookFields: FormFields = {
  url: { id: 'webhook-url', label: 'URL' },
  events: { id: eventId(webhookEvents[0]), label: 'Events' },
};

/** What each event means, for the checkbox labels. */
const eventDescriptions: Record<WebhookEvent, string> = {
  'claim.submitted': 'A claim is submitted',
  'claim.status_changed': 'A claim moves to another status',
  'claim.published': 'A review of a claim is published',
  'claim.corrected': 'A published review is corrected',
  'source.changed': 'The text of a source changed since it was last fetched',
};

/** The fixed confirmations a `?done=` key maps to; any other key shows nothing. */
const doneMessages = {
  users: {
    revoked: 'The token was revoked: the API refuses it from now on.',
    deactivated: 'The account was deactivated: it cannot log in, its sessions ended and its API tokens were revoked.',
    reactivated: 'The account was reactivated: it can log in again. Its revoked tokens stay revoked.',
    role: 'The role was changed: it applies from the user’s next request.',
    // After a reload: the secret was on the page the post redirected to, and only there.
    token: 'The token was created. Its secret was shown once and cannot be shown again: revoke it if it was lost.',
    password: 'The password was reset. It was shown once and cannot be shown again: reset it again if it was lost.',
  },
  webhooks: { deleted: 'The subscription was deleted: nothing more is sent to it.' },
  deliveries: { replayed: 'The delivery is queued to be sent again. Reload the page to see how it went.' },
} as const;

export function doneMessage(page: keyof typeof doneMessages, done: unknown): string | undefined {
  return confirmationOf(doneMessages[page], done);
}

export interface UsersPageInput {
  users: UserListing[];
  /** The admin looking at the page. */
  you: string;
  notice?: string;
  /** The create-user form as sent, after an error (never the password). */
  userForm?: { values: Record<string, string | undefined>; errors: FormErrors };
  /** A create-token form as sent, after an error. */
  tokenForm?: { userId: string; value: string | undefined; errors: FormErrors };
  /** A user created with a password of the admin's choosing (nothing secret to show). */
  created?: string;
  secret?: ShownSecret;
  /** Why an account change (role, deactivation) was refused, at the control it came from. */
  accountError?: { id: string; message: string };
}

const roleOptions = roles.map((role) => ({ value: role, label: role.charAt(0).toUpperCase() + role.slice(1) }));

/** The data `admin-users.hbs` renders. */
export function usersPage(input: UsersPageInput) {
  const { tokenForm, userForm } = input;
  const accountErrors = input.accountError === undefined ? undefined : { list: [input.accountError], byField: {} };
  const errors = userForm?.errors.list.length ? userForm.errors : (tokenForm?.errors ?? accountErrors ?? noErrors);
  return {
    notice: input.notice,
    created: input.created,
    secret: input.secret,
    errors,
    userErrors: userForm?.errors ?? noErrors,
    values: userForm?.values ?? { role: 'reviewer' },
    roleOptions,
    users: input.users.map((user) => {
      const active = user.tokens.filter((token) => token.revokedAt === null).length;
      const mine = tokenForm?.userId === user.id ? tokenForm : undefined;
      const controls = accountFields(user.id);
      return {
        ...user,
        anchor: `user-${user.id}`,
        active: user.deactivatedAt === null,
        you: user.id === input.you,
        roleForm: {
          id: controls.role.id,
          label: `Role of ${user.name}`,
          options: roleOptions,
          error: input.accountError?.id === controls.role.id ? input.accountError.message : undefined,
        },
        deactivateId: controls.active.id,
        tokenSummary:
          user.tokens.length === 0
            ? 'None'
            : `${active} active${user.tokens.length > active ? `, ${user.tokens.length - active} revoked` : ''}`,
        tokenForm: {
          id: tokenNameId(user.id),
          fieldLabel: `Name of a new token for ${user.name}`,
          value: mine?.value,
          error: mine?.errors.byField.name,
        },
      };
    }),
  };
}

export interface WebhooksPageInput {
  page: Page<SubscriptionView>;
  notice?: string;
  form?: { url: string | undefined; events: string[]; errors: FormErrors };
  secret?: ShownSecret;
}

/** The data `admin-webhooks.hbs` renders. */
export function webhooksPage(input: WebhooksPageInput) {
  const chosen = new Set(input.form?.events ?? []);
  return {
    notice: input.notice,
    secret: input.secret,
    errors: input.form?.errors ?? noErrors,
    values: { url: input.form?.url },
    eventChoices: webhookEvents.map((event) => ({
      id: eventId(event),
      event,
      description: eventDescriptions[event],
      checked: chosen.has(event),
    })),
    subscriptions: input.page.items,
    nextCursor: input.page.nextCursor,
  };
}

/** The data `admin-webhook-deliveries.hbs` renders. */
export function deliveriesPage(subscription: SubscriptionView, page: Page<DeliveryView>, notice: string | undefined) {
  return {
    notice,
    subscription,
    deliveries: page.items.map((delivery) => ({ ...delivery, replayable: delivery.status !== 'pending' })),
    nextCursor: page.nextCursor,
  };
}

function tokenNameId(userId: string): string {
  return `token-name-${userId}`;
}

function eventId(event: string): string {
  return `event-${event.replace(/[^a-z0-9]+/g, '-')}`;
}
