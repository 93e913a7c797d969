/** The Models page's heading, where focus goes when the element that had it (a deleted model's card) is gone. */
export const MODELS_HEADING_ID = 'models-page-heading'
