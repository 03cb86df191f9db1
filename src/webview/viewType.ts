// The summary panel's view type: registered at activation, so it lives apart from the panel code.
export const VIEW_TYPE = 'portfolioAlignment.summary';
