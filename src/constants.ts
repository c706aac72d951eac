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
  /** Delete User… on the rows selected in the view: the Delete key there. */
  deleteSelectedUsers: 'confluentUsers.deleteSelectedUsers',
  showLogs: 'confluentUsers.showLogs',
  findUser: 'confluentUsers.findUser',
  filter: 'confluentUsers.filter',
  clearFilter: 'confluentUsers.clearFilter',
  copyId: 'confluentUsers.copyId',
  copyEmail: 'confluentUsers.copyEmail',
  copyResourceName: 'confluentUsers.copyResourceName',
  exportUsers: 'confluentUsers.exportUsers',
} as const;

export const ContextKeys = {
  signedIn: 'confluentUsers.signedIn',
  credentialSource: 'confluentUsers.credentialSource',
  /** The Users view shows only the loaded users that match a filter. */
  filtered: 'confluentUsers.filtered',
} as const;

export const Settings = {
  section: 'confluentUsers',
  apiBaseUrl: 'apiBaseUrl',
  pageSize: 'pageSize',
} as const;

/** VS Code's own network settings, which apply to this extension's requests too. */
export const HttpSettings = {
  section: 'http',
  proxy: 'proxy',
  proxyStrictSSL: 'proxyStrictSSL',
  noProxy: 'noProxy',
} as const;

export const SecretKeys = {
  credentials: 'confluentUsers.credentials',
} as const;

export const ENV_API_KEY = 'CONFLUENT_CLOUD_API_KEY';
export const ENV_API_SECRET = 'CONFLUENT_CLOUD_API_SECRET';
export const DEFAULT_API_BASE_URL = 'https://api.confluent.cloud';
