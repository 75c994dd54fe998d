// Types for the part of html-to-text (v10) that changedesk uses: the package ships none.
declare module 'html-to-text' {
  export interface DomNode {
    type: string;
    name?: string;
    attribs?: Record<string, string>;
    children?: DomNode[];
  }
  export interface TableCell {
    text: string;
    colspan: number;
    rowspan: number;
  }
  export interface BlockTextBuilder {
    openTable(): void;
    openTableRow(): void;
    openTableCell(options?: { maxColumnWidth?: number }): void;
    closeTableCell(options?: { colspan?: number; rowspan?: number }): void;
    closeTableRow(): void;
    closeTable(options: { tableToString: (rows: TableCell[][]) => string; leadingLineBreaks?: number; trailingLineBreaks?: number }): void;
  }
  export type FormatCallback = (elem: DomNode, walk: (nodes: DomNode[] | undefined, builder: BlockTextBuilder) => void, builder: BlockTextBuilder, formatOptions: Record<string, unknown>) => void;
  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    formatters?: Record<string, FormatCallback>;
    selectors?: SelectorDefinition[];
    decodeEntities?: boolean;
    limits?: Record<string, unknown>;
  }
  export function convert(html: string, options?: HtmlToTextOptions): string;
}
