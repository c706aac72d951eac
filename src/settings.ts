import * as vscode from 'vscode';
import type { ProxyOptions } from './api/dispatcher';
import { DEFAULT_API_BASE_URL, HttpSettings, Settings } from './constants';
import { checkBaseUrl } from './baseUrl';

export interface ExtensionSettings {
  /** The checked base URL, or undefined when the setting is unusable (see `baseUrlProblem`). */
  baseUrl?: string;
  baseUrlProblem?: string;
  pageSize: number;
}

export function readSettings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const rawUrl = config.get<string>(Settings.apiBaseUrl) || DEFAULT_API_BASE_URL;
  const checked = checkBaseUrl(rawUrl);
  return {
    baseUrl: checked.url,
    baseUrlProblem: checked.problem,
    pageSize: clampPageSize(config.get<number>(Settings.pageSize)),
  };
}

function clampPageSize(value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return 25;
  }
  return Math.min(100, Math.max(1, Math.round(value)));
}

/** VS Code's proxy settings; the API client also reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY. */
export function readProxySettings(): ProxyOptions {
  const http = vscode.workspace.getConfiguration(HttpSettings.section);
  const noProxy = http.get<unknown>(HttpSettings.noProxy);
  return {
    url: http.get<string>(HttpSettings.proxy)?.trim() || undefined,
    noProxy: Array.isArray(noProxy)
      ? noProxy.filter((host): host is string => typeof host === 'string')
      : [],
    strictSSL: http.get<boolean>(HttpSettings.proxyStrictSSL) !== false,
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  const { section, proxy, proxyStrictSSL, noProxy } = HttpSettings;
  return (
    event.affectsConfiguration(Settings.section) ||
    [proxy, proxyStrictSSL, noProxy].some((name) =>
      event.affectsConfiguration(`${section}.${name}`),
    )
  );
}

/** Equal strings mean no setting that shapes requests changed. */
export function settingsFingerprint(): string {
  return JSON.stringify([readSettings(), readProxySettings()]);
}
