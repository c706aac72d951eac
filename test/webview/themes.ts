/**
 * The CSS variables VS Code gives a webview in each built-in theme family, as data. Values are
 * VS Code's own: the Modern themes from extensions/theme-defaults/themes/light_modern.json and
 * dark_modern.json, and whatever those leave out (all of it for the high contrast themes) from
 * the defaults registered in src/vs/platform/theme/common/colors/*.ts of microsoft/vscode.
 * A colour a theme leaves unset (null in the registry) is left out here too, as VS Code does.
 */
export interface Theme {
  name: string;
  /** The class VS Code puts on the webview's body. */
  kind: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';
  /** Colour ids as VS Code names them; `input.background` becomes `--vscode-input-background`. */
  colors: Record<string, string>;
}

/** Workbench font settings on Linux, which VS Code passes to every webview. */
export const fontVariables: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-weight': 'normal',
  'font-size': '13px',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-weight': 'normal',
  'editor-font-size': '14px',
};

const lightModern: Theme = {
  name: 'Light Modern',
  kind: 'vscode-light',
  colors: {
    foreground: '#3B3B3B',
    'editor.background': '#FFFFFF',
    'editor.foreground': '#3B3B3B',
    descriptionForeground: '#3B3B3B',
    errorForeground: '#F85149',
    focusBorder: '#005FB8',
    'input.background': '#FFFFFF',
    'input.foreground': '#3B3B3B',
    'input.border': '#CECECE',
    'input.placeholderForeground': '#767676',
    'inputValidation.errorBackground': '#F2DEDE',
    'inputValidation.errorBorder': '#BE1100',
    'button.background': '#005FB8',
    'button.foreground': '#FFFFFF',
    'button.border': '#0000001A',
    'button.hoverBackground': '#0258A8',
    'button.secondaryBackground': '#E5E5E5',
    'button.secondaryForeground': '#3B3B3B',
    'button.secondaryHoverBackground': '#CCCCCC',
    'panel.border': '#E5E5E5',
    'widget.border': '#E5E5E5',
    'icon.foreground': '#424242',
    'toolbar.hoverBackground': '#B8B8B850',
    'inputValidation.warningBackground': '#F6F5D2',
    'inputValidation.warningBorder': '#B89500',
    'textLink.foreground': '#005FB8',
  },
};

const darkModern: Theme = {
  name: 'Dark Modern',
  kind: 'vscode-dark',
  colors: {
    foreground: '#CCCCCC',
    'editor.background': '#1F1F1F',
    'editor.foreground': '#CCCCCC',
    descriptionForeground: '#9D9D9D',
    errorForeground: '#F85149',
    focusBorder: '#0078D4',
    'input.background': '#313131',
    'input.foreground': '#CCCCCC',
    'input.border': '#3C3C3C',
    'input.placeholderForeground': '#989898',
    'inputValidation.errorBackground': '#5A1D1D',
    'inputValidation.errorBorder': '#BE1100',
    'button.background': '#0078D4',
    'button.foreground': '#FFFFFF',
    'button.border': '#FFFFFF1A',
    'button.hoverBackground': '#026EC1',
    'button.secondaryBackground': '#00000000',
    'button.secondaryForeground': '#CCCCCC',
    'button.secondaryHoverBackground': '#2B2B2B',
    'panel.border': '#2B2B2B',
    'widget.border': '#313131',
    'icon.foreground': '#CCCCCC',
    'toolbar.hoverBackground': '#5A5D5E50',
    'inputValidation.warningBackground': '#352A05',
    'inputValidation.warningBorder': '#B89500',
    'textLink.foreground': '#4DAAFC',
  },
};

// Secondary button background and hover are null in Dark High Contrast: such buttons are drawn
// with a border only.
const darkHighContrast: Theme = {
  name: 'Dark High Contrast',
  kind: 'vscode-high-contrast',
  colors: {
    foreground: '#FFFFFF',
    'editor.background': '#000000',
    'editor.foreground': '#FFFFFF',
    descriptionForeground: '#FFFFFFB3',
    errorForeground: '#F48771',
    focusBorder: '#F38518',
    contrastBorder: '#6FC3DF',
    contrastActiveBorder: '#F38518',
    'input.background': '#000000',
    'input.foreground': '#FFFFFF',
    'input.border': '#6FC3DF',
    'input.placeholderForeground': '#FFFFFFB3',
    'inputValidation.errorBackground': '#000000',
    'inputValidation.errorBorder': '#6FC3DF',
    'button.background': '#000000',
    'button.foreground': '#FFFFFF',
    'button.border': '#6FC3DF',
    'button.hoverBackground': '#000000',
    'button.secondaryForeground': '#FFFFFF',
    'panel.border': '#6FC3DF',
    'widget.border': '#6FC3DF',
    'icon.foreground': '#FFFFFF',
    'inputValidation.warningBackground': '#000000',
    'inputValidation.warningBorder': '#6FC3DF',
    'textLink.foreground': '#21A6FF',
  },
};

const lightHighContrast: Theme = {
  name: 'Light High Contrast',
  kind: 'vscode-high-contrast-light',
  colors: {
    foreground: '#292929',
    'editor.background': '#FFFFFF',
    'editor.foreground': '#292929',
    descriptionForeground: '#292929B3',
    errorForeground: '#B5200D',
    focusBorder: '#006BBD',
    contrastBorder: '#0F4A85',
    contrastActiveBorder: '#006BBD',
    'input.background': '#FFFFFF',
    'input.foreground': '#292929',
    'input.border': '#0F4A85',
    'input.placeholderForeground': '#292929B3',
    'inputValidation.errorBackground': '#FFFFFF',
    'inputValidation.errorForeground': '#292929',
    'inputValidation.errorBorder': '#0F4A85',
    'button.background': '#0F4A85',
    'button.foreground': '#FFFFFF',
    'button.border': '#0F4A85',
    'button.hoverBackground': '#0F4A85',
    'button.secondaryBackground': '#FFFFFF',
    'button.secondaryForeground': '#292929',
    'panel.border': '#0F4A85',
    'widget.border': '#0F4A85',
    'icon.foreground': '#292929',
    'inputValidation.warningBackground': '#FFFFFF',
    'inputValidation.warningBorder': '#0F4A85',
    'textLink.foreground': '#0F4A85',
  },
};

export const themes: readonly Theme[] = [
  lightModern,
  darkModern,
  lightHighContrast,
  darkHighContrast,
];

/** The variables as VS Code sets them on the page's root element. */
export function themeVariables(theme: Theme): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [id, value] of Object.entries(theme.colors)) {
    variables[`--vscode-${id.replace(/\./g, '-')}`] = value;
  }
  for (const [name, value] of Object.entries(fontVariables)) {
    variables[`--vscode-${name}`] = value;
  }
  return variables;
}
