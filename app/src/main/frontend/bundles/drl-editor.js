// The expert mode's DRL editor of 规则管理: CodeMirror 6 with a small Drools highlighter (keywords, strings,
// comments, numbers, $bindings) and the build's errors marked on their lines. Global SecflowDrlEditor.
import { EditorView, basicSetup } from 'codemirror';
import { StreamLanguage } from '@codemirror/language';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

const KEYWORDS = new Set(['package', 'import', 'global', 'function', 'declare', 'end', 'rule', 'query', 'when',
  'then', 'salience', 'no-loop', 'lock-on-active', 'agenda-group', 'activation-group', 'dialect', 'enabled',
  'date-effective', 'date-expires', 'duration', 'timer', 'calendars', 'extends', 'and', 'or', 'not', 'exists',
  'forall', 'from', 'collect', 'accumulate', 'entry-point', 'eval', 'over', 'in', 'matches', 'memberOf', 'contains',
  'soundslike', 'str', 'modify', 'insert', 'insertLogical', 'update', 'delete', 'retract', 'new', 'return', 'if',
  'else', 'for', 'while', 'true', 'false', 'null', 'this', 'init', 'action', 'reverse', 'result', 'unit']);

const drools = StreamLanguage.define({
  name: 'drools',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.match('*/');
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return 'comment';
    }
    if (stream.eatSpace()) {
      return null;
    }
    if (stream.match('//') || stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) {
      return 'string';
    }
    if (stream.match(/^\d+(\.\d+)?[dDfFlL]?/)) {
      return 'number';
    }
    if (stream.match(/^\$[\w]+/)) {
      return 'variableName.special';
    }
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) {
        return 'keyword';
      }
      stream.backUp(word.length);
      stream.match(/^[A-Za-z_]\w*/);
      return /^[A-Z]/.test(stream.current()) ? 'typeName' : 'variableName';
    }
    stream.next();
    return /[=<>!&|+\-*/%]/.test(stream.current()) ? 'operator' : null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } }
});

/** An editor in `parent` holding `content`; `onChange(text)` after every change. */
export function create(parent, content, onChange) {
  const view = new EditorView({
    doc: content,
    parent,
    extensions: [basicSetup, drools, lintGutter(),
      EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString()))]
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    /** Marks each error ({line, column, message}, 1-based) on its line; an empty list clears the marks. */
    showErrors(errors) {
      const doc = view.state.doc;
      view.dispatch(setDiagnostics(view.state, errors.map((error) => {
        const line = doc.line(Math.min(Math.max(error.line || 1, 1), doc.lines));
        const from = Math.min(line.from + Math.max((error.column || 1) - 1, 0), line.to);
        return { from, to: Math.max(from, line.to), severity: 'error', message: error.message };
      })));
    }
  };
}
