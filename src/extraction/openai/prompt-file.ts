// Prompt files: prompts/<task>/v<N>.md, a header naming inputs and output schema, the system text, the user
// template and few-shot examples. Loaded and checked once at start-up; the id and version go with every suggestion.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../shared/config.ts';

export interface PromptExample {
  name: string;
  user: string;
  assistant: string;
}

export interface PromptFile {
  /** `<task>/v<N>`, as recorded with suggestions and eval results. */
  id: string;
  task: string;
  version: string;
  inputs: string[];
  output: string;
  system: string;
  /** The user message, with `{{input}}` placeholders. */
  user: string;
  examples: PromptExample[];
}

export const defaultPromptsDir = fileURLToPath(new URL('../../../prompts', import.meta.url));

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function loadPrompt(task: string, version = 'v1', dir = defaultPromptsDir): PromptFile {
  const file = path.join(dir, task, `${version}.md`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`prompt ${task}/${version}: cannot read ${file} (${(e as Error).message})`);
  }
  return parsePrompt(text, `${task}/${version}`);
}

/** Parses and checks a prompt file: its id matches its path and the user template uses exactly its inputs. */
export function parsePrompt(text: string, expectedId: string): PromptFile {
  const fail = (why: string): never => {
    throw new ConfigError(`prompt ${expectedId}: ${why}`);
  };
  const header = /^---\n([\s\S]*?)\n---\n/.exec(text) ?? fail('no header (--- … ---) at the top');
  const meta = parseHeader(header[1]!);
  if (meta.id !== expectedId) fail(`the header says id "${meta.id ?? ''}"`);
  const sections = splitSections(text.slice(header[0].length), '# ');
  const system = sections.get('System') ?? fail('no "# System" section');
  const user = sections.get('User') ?? fail('no "# User" section');
  const used = new Set([...user.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  for (const name of used) if (!meta.inputs.includes(name)) fail(`the user template uses {{${name}}}, which the header does not list as an input`);
  for (const name of meta.inputs) if (!used.has(name)) fail(`input "${name}" is listed but the user template does not use it`);
  const examples: PromptExample[] = [];
  for (const [title, body] of sections) {
    if (!title.startsWith('Example:')) continue;
    const parts = splitSections(body, '## ');
    const exampleUser = unfence(parts.get('User') ?? fail(`${title}: no "## User"`));
    const assistant = unfence(parts.get('Assistant') ?? fail(`${title}: no "## Assistant"`));
    try {
      JSON.parse(assistant);
    } catch {
      fail(`${title}: the assistant answer is not JSON`);
    }
    examples.push({ name: title.slice('Example:'.length).trim(), user: exampleUser, assistant });
  }
  const [task, version] = expectedId.split('/') as [string, string];
  return { id: expectedId, task, version, inputs: meta.inputs, output: meta.output ?? fail('the header names no output schema'), system, user, examples };
}

/** Fills a template; every placeholder must have a value. */
export function render(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {{${name}}}`);
    return v;
  });
}

function parseHeader(text: string): { id?: string; output?: string; inputs: string[] } {
  const out: { id?: string; output?: string; inputs: string[] } = { inputs: [] };
  let list: string | null = null;
  for (const line of text.split('\n')) {
    const item = /^\s+-\s*(\w+)\s*:/.exec(line);
    if (item && list === 'inputs') {
      out.inputs.push(item[1]!);
      continue;
    }
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    list = kv[2] === '' ? kv[1]! : null;
    if (kv[1] === 'id') out.id = kv[2]!.trim();
    if (kv[1] === 'output') out.output = kv[2]!.trim();
  }
  return out;
}

/** Sections by heading (`# Name` or `## Name`), in file order; text outside a code fence only. */
function splitSections(text: string, marker: string): Map<string, string> {
  const sections = new Map<string, string>();
  let title: string | null = null;
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    if (title !== null) sections.set(title, lines.join('\n').trim());
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith(marker) && !line.startsWith(`${marker}#`)) {
      flush();
      title = line.slice(marker.length).trim();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return sections;
}

/** The text inside a ```json … ``` fence (or the text itself when it has none). */
const unfence = (text: string): string => /^```\w*\n([\s\S]*?)\n```\s*$/.exec(text.trim())?.[1] ?? text.trim();
