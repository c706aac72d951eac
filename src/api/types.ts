/** The parts of the Confluent Cloud IAM v2 schemas this extension reads (see the official spec). */

export type AuthType = 'AUTH_TYPE_LOCAL' | 'AUTH_TYPE_SSO' | (string & {});

export interface ObjectMeta {
  self: string;
  resource_name?: string;
  created_at?: string;
  updated_at?: string;
  deleted_at?: string;
}

/** `iam.v2.User` as this extension keeps it: the fields the list promises are required. */
export interface User {
  api_version?: string;
  kind?: string;
  id: string;
  metadata: ObjectMeta;
  email: string;
  full_name?: string;
  auth_type?: AuthType;
}

/** One page of `GET /iam/v2/users`, reduced to what the views need. */
export interface UserPage {
  users: User[];
  /** The `page_token` of the `metadata.next` link; undefined on the last page. */
  nextPageToken?: string;
  /** `metadata.total_size`, when the server sends it. */
  totalSize?: number;
}

/** An API key and secret (HTTP Basic), or an OAuth bearer token. */
export type Credentials =
  { kind: 'apiKey'; apiKey: string; apiSecret: string } | { kind: 'bearer'; token: string };

/** One finished HTTP exchange, for the log. Never carries a header value or a secret. */
export interface RequestRecord {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  attempt?: number;
  error?: string;
}
