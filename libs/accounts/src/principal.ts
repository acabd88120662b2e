import type { Role } from './role';

/** Who is calling: the user behind a token or a web session. */
export interface Principal {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** The API token used, when the call came with one. */
  readonly tokenId?: string;
  /** The web session used, when the call came from a signed-in browser. */
  readonly sessionId?: string;
}
