// The colour themes the page is shown in: the body class VS Code sets and a subset of the
// --vscode-* variables it defines (values of Light Modern, Dark Modern, Dark High Contrast and
// Light High Contrast; the last is VS Code 1.100's colour registry defaults, as that theme sets
// almost no colour of its own).
// In VS Code they come from the workbench; here from a stylesheet of the webview's own origin.

export type ThemeName = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

interface Theme {
  bodyClass: string;
  colorScheme: 'light' | 'dark';
  variables: Record<string, string>;
}

const FONTS = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

export const THEMES: Record<ThemeName, Theme> = {
  light: {
    bodyClass: 'vscode-light',
    colorScheme: 'light',
    variables: {
      ...FONTS,
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#5f5f5f',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editorWidget-background': '#f8f8f8',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textLink-activeForeground': '#005fb8',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-border': '#0000001a',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-purple': '#652d90',
      '--vscode-charts-orange': '#d18616',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    colorScheme: 'dark',
    variables: {
      ...FONTS,
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editorWidget-background': '#202020',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textLink-activeForeground': '#4daafc',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-border': '#ffffff12',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-orange': '#d18616',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    colorScheme: 'dark',
    variables: {
      ...FONTS,
      '--vscode-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-editor-background': '#000000',
      '--vscode-editorWidget-background': '#0c141f',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-focusBorder': '#f38518',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textLink-activeForeground': '#21a6ff',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-dropdown-background': '#000000',
      '--vscode-dropdown-foreground': '#ffffff',
      '--vscode-dropdown-border': '#6fc3df',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#ffd700',
      '--vscode-charts-red': '#f48771',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-orange': '#d18616',
    },
  },
  'high-contrast-light': {
    // VS Code gives a light high contrast webview both classes.
    bodyClass: 'vscode-high-contrast-light vscode-high-contrast',
    colorScheme: 'light',
    variables: {
      ...FONTS,
      '--vscode-foreground': '#292929',
      '--vscode-descriptionForeground': '#292929b3',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editorWidget-background': '#ffffff',
      '--vscode-panel-border': '#0f4a85',
      '--vscode-contrastBorder': '#0f4a85',
      '--vscode-contrastActiveBorder': '#006bbd',
      '--vscode-focusBorder': '#006bbd',
      '--vscode-textLink-foreground': '#0f4a85',
      '--vscode-textLink-activeForeground': '#0f4a85',
      '--vscode-textBlockQuote-background': '#f2f2f2',
      '--vscode-button-background': '#0f4a85',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0f4a85',
      '--vscode-button-border': '#0f4a85',
      '--vscode-button-secondaryBackground': '#ffffff',
      '--vscode-button-secondaryForeground': '#292929',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#292929',
      '--vscode-dropdown-border': '#0f4a85',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-green': '#374e06',
      '--vscode-charts-yellow': '#895503',
      '--vscode-charts-red': '#b5200d',
      '--vscode-charts-purple': '#652d90',
      '--vscode-charts-orange': '#0f4a85',
    },
  },
};

/** The variables on :root and VS Code's default page styles (background, padding, text colour). */
export function themeCss(name: ThemeName): string {
  const variables = Object.entries(THEMES[name].variables)
    .map(([key, value]) => `  ${key}: ${value};`)
    .join('\n');
  return `:root {\n${variables}\n}
html { background-color: var(--vscode-editor-background); }
body { margin: 0; padding: 0 20px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
`;
}
