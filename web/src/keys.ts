/**
 * @module web/keys
 * Keyboard control of the replay: space play/pause, ←/→ step (shift: a bigger step), Home/End the ends of the
 * replay, +/- the next/previous speed, [ / ] the previous/next event. Keys typed into a text field, a number field
 * or a drop-down are left alone; on the time slider the replay's own step replaces the browser's.
 */

/** What the keys do (the page supplies the actions). */
export interface ReplayKeyActions {
  togglePlay(): void;
  /** Moves the replay time by `d_s` (negative: back). */
  step(d_s: number): void;
  /** Goes to the start (`-1`) or the end (`1`) of the replay. */
  toEnd(which: -1 | 1): void;
  /** Next (`1`) or previous (`-1`) replay speed. */
  speed(direction: -1 | 1): void;
  /** Next (`1`) or previous (`-1`) event on the time line. */
  event(direction: -1 | 1): void;
}

/** Step of ←/→, s of replay time. */
export const STEP_s = 5;
/** Step of shift+←/→, s of replay time. */
export const BIG_STEP_s = 60;

/** True when a key event belongs to a control that types text or picks from a list. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && target.type !== 'range' && target.type !== 'checkbox';
}

/** The action of one key, or null when the key does nothing here. */
function actionOf(e: KeyboardEvent, actions: ReplayKeyActions): (() => void) | null {
  switch (e.key) {
    case ' ':
    case 'k':
      return () => actions.togglePlay();
    case 'ArrowRight':
      return () => actions.step(e.shiftKey ? BIG_STEP_s : STEP_s);
    case 'ArrowLeft':
      return () => actions.step(e.shiftKey ? -BIG_STEP_s : -STEP_s);
    case 'Home':
      return () => actions.toEnd(-1);
    case 'End':
      return () => actions.toEnd(1);
    case '+':
    case '=':
      return () => actions.speed(1);
    case '-':
    case '_':
      return () => actions.speed(-1);
    case ']':
      return () => actions.event(1);
    case '[':
      return () => actions.event(-1);
    default:
      return null;
  }
}

/**
 * Listens for the replay keys on `target` (the document) until the returned function is called.
 * @example
 * const unbind = bindReplayKeys(document, { togglePlay, step, toEnd, speed, event });
 */
export function bindReplayKeys(target: Document, actions: ReplayKeyActions): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const action = actionOf(e, actions);
    if (!action) return;
    // a focused button would also "click" on space, and the slider would move by its own step
    e.preventDefault();
    action();
  };
  // a focused button or checkbox acts on the space key's keyup: that press was play/pause
  const onKeyUp = (e: KeyboardEvent): void => {
    if (e.key === ' ' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) e.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  target.addEventListener('keyup', onKeyUp);
  return () => {
    target.removeEventListener('keydown', onKey);
    target.removeEventListener('keyup', onKeyUp);
  };
}
