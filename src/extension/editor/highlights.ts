import * as vscode from 'vscode';
import { toWorkspacePath } from '../../engine';
import type { DebtItem } from '../../engine';
import { Disposable } from '../lifecycle';
import { cellAnnotations, NOTEBOOK_CELL } from './notebooks';
import type { PaydownSettings } from '../settings';
import type { Sessions } from '../sessions';
import { safeColor, tagColorKey, tintOf } from './tagColors';

/** Tags with their own theme colours and gutter icons; other configured tags use `other`. */
const THEMED_TAGS = new Set(['todo', 'fixme', 'hack', 'xxx', 'debt']);

interface TagStyle {
  /** The tag word: coloured and bold, with the gutter icon and the overview-ruler mark. */
  tag: vscode.TextEditorDecorationType;
  /** The whole annotation, tinted. */
  range: vscode.TextEditorDecorationType;
}

/**
 * Colours annotations in visible editors: the tag word in its tag's colour, the annotation
 * tinted, a gutter icon and an overview-ruler mark. Lives only while `paydown.highlights.enabled`
 * is on; re-renders a visible editor when its file's items change.
 */
export class Highlights extends Disposable {
  private readonly styles = new Map<string, TagStyle>();

  constructor(
    private readonly sessions: Sessions,
    private readonly extensionUri: vscode.Uri,
    private readonly settings: PaydownSettings,
  ) {
    super();
    // Disposing a decoration type removes its decorations from every editor.
    this.register({
      dispose: () => {
        for (const style of this.styles.values()) {
          style.tag.dispose();
          style.range.dispose();
        }
        this.styles.clear();
      },
    });
    this.register(
      sessions.onDidChange(({ session, change }) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (this.sessions.forUri(editor.document.uri) !== session) continue;
          if (change.files === 'all' || change.files.includes(toWorkspacePath(session.root, editor.document.uri.fsPath))) this.render(editor);
        }
      }),
    );
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))));
    // A notebook's cells are read as they are typed: the session knows the notebook as saved.
    this.register(
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document.uri.scheme !== NOTEBOOK_CELL) return;
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.render(editor);
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.render(e));
  }

  private render(editor: vscode.TextEditor): void {
    const items = this.itemsIn(editor.document);
    if (!items) return;
    const byTag = new Map<string, { tags: vscode.Range[]; ranges: vscode.Range[] }>();
    for (const item of items) {
      const key = item.tag;
      let group = byTag.get(key);
      if (!group) byTag.set(key, (group = { tags: [], ranges: [] }));
      group.tags.push(tagRange(item, editor.document));
      group.ranges.push(annotationRange(item));
    }
    for (const tag of byTag.keys()) this.style(tag);
    for (const [tag, style] of this.styles) {
      const group = byTag.get(tag);
      editor.setDecorations(style.tag, group?.tags ?? []);
      editor.setDecorations(style.range, group?.ranges ?? []);
    }
  }

  /** The annotations a document shows: a file's from its session, a notebook cell's read from its text; undefined for neither. */
  private itemsIn(document: vscode.TextDocument): readonly DebtItem[] | undefined {
    const uri = document.uri;
    if (uri.scheme === 'file') return (this.sessions.forUri(uri)?.itemsInFile(uri.fsPath) ?? []).map((item) => item.debt);
    return uri.scheme === NOTEBOOK_CELL ? cellAnnotations(this.sessions, document)?.items : undefined;
  }

  private style(tag: string): TagStyle {
    let style = this.styles.get(tag);
    if (style) return style;
    const key = tagColorKey(tag, THEMED_TAGS);
    const override = safeColor(this.settings.highlightsTagColors[tag] ?? this.settings.highlightsTagColors[tag.toLowerCase()]);
    const color: string | vscode.ThemeColor = override ?? new vscode.ThemeColor(`paydown.tag.${key}`);
    const tint: string | vscode.ThemeColor | undefined = override ? tintOf(override) : new vscode.ThemeColor(`paydown.tagBackground.${key}`);
    const icon = (theme: 'light' | 'dark'): vscode.Uri =>
      override ? svgDataUri(override) : vscode.Uri.joinPath(this.extensionUri, 'media', 'gutter', `${key}-${theme}.svg`);
    const gutter = this.settings.highlightsGutter;
    const tagOptions: vscode.DecorationRenderOptions = {
      color,
      fontWeight: 'bold',
      ...(this.settings.highlightsOverviewRuler ? { overviewRulerColor: color, overviewRulerLane: vscode.OverviewRulerLane.Right } : {}),
      ...(gutter ? { light: { gutterIconPath: icon('light'), gutterIconSize: '80%' }, dark: { gutterIconPath: icon('dark'), gutterIconSize: '80%' } } : {}),
    };
    style = {
      tag: vscode.window.createTextEditorDecorationType(tagOptions),
      range: vscode.window.createTextEditorDecorationType({ backgroundColor: tint, borderRadius: '2px' }),
    };
    this.styles.set(tag, style);
    return style;
  }
}

function tagRange(item: DebtItem, document: vscode.TextDocument): vscode.Range {
  const line = item.line - 1;
  const start = item.column - 1;
  // Scala's `???` is a `TODO` of three characters: the fourth is the code after it.
  const scalaPlaceholder = item.directive === 'todo' && line < document.lineCount && document.lineAt(line).text.startsWith('???', start);
  return new vscode.Range(line, start, line, start + (scalaPlaceholder ? 3 : item.tag.length));
}

function annotationRange(item: DebtItem): vscode.Range {
  return new vscode.Range(item.line - 1, item.column - 1, item.end.line - 1, item.end.column - 1);
}

/** A gutter icon in a colour given in the settings (theme colours cannot reach images). */
function svgDataUri(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path fill="${color}" fill-rule="evenodd" d="M2 3.5A1.5 1.5 0 0 1 3.5 2h4.38a1.5 1.5 0 0 1 1.06.44l4.62 4.62a1.5 1.5 0 0 1 0 2.12l-4.38 4.38a1.5 1.5 0 0 1-2.12 0L2.44 8.94A1.5 1.5 0 0 1 2 7.88zM6.5 5.25a1.25 1.25 0 1 0-2.5 0 1.25 1.25 0 0 0 2.5 0z"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}
