/** Every id the manifest and the code share, declared once. */

export const EXTENSION_ID = 'confluent-cloud-users';
export const VIEW_CONTAINER_ID = 'confluentUsers';
export const USERS_VIEW_ID = 'confluentUsers.users';
export const USER_PANEL_VIEW_TYPE = 'confluentUsers.userPanel';
export const OUTPUT_CHANNEL_NAME = 'Confluent Cloud Users';

export const Commands = {
  signIn: 'confluentUsers.signIn',
  signOut: 'confluentUsers.signOut',
  refresh: 'confluentUsers.refresh',
  loadMore: 'confluentUsers.loadMore',
  openUser: 'confluentUsers.openUser',
  deleteUser: 'confluentUsers.deleteUser',
  showLogs: 'confluentUsers.showLogs',
} as const;

export const ContextKeys = {
  signedIn: 'confluentUsers.signedIn',
  credentialSource: 'confluentUsers.credentialSource',
} as const;

export const Settings = {
  section: 'confluentUsers',
  apiBaseUrl: 'apiBaseUrl',
  pageSize: 'pageSize',
} as const;

export const SecretKeys = {
  credentials: 'confluentUsers.credentials',
} as const;

export const ENV_API_KEY = 'CONFLUENT_CLOUD_API_KEY';
export const ENV_API_SECRET = 'CONFLUENT_CLOUD_API_SECRET';
export const DEFAULT_API_BASE_URL = 'https://api.confluent.cloud';
