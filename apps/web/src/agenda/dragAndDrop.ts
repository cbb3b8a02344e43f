import dragAndDropExport from 'react-big-calendar/lib/addons/dragAndDrop';

type WithDragAndDrop = typeof dragAndDropExport;

/**
 * The calendar's drag-and-drop add-on ships only as Babel-compiled CommonJS (`exports.default = fn`,
 * flagged `__esModule`). Vite 8 interops like Node inside a `"type": "module"` package, so the default
 * import is the whole `exports` object, while the published types describe the Babel view. Take the
 * function in either case, so a change of bundler setting cannot break the agenda.
 */
const interop: unknown = dragAndDropExport;
export const withDragAndDrop: WithDragAndDrop =
  typeof interop === 'function'
    ? (interop as WithDragAndDrop)
    : (interop as { default: WithDragAndDrop }).default;
