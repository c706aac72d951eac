import * as vscode from 'vscode';
import { DEFAULT_API_BASE_URL, Settings } from './constants';
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

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.section);
}
