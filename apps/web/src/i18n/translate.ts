import type { sv } from './sv';

export type MessageKey = keyof typeof sv;

/** Every catalogue has exactly the keys of the Swedish source. */
export type Messages = { readonly [Key in MessageKey]: string };

type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

type Params<Key extends MessageKey> = [Placeholders<(typeof sv)[Key]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof sv)[Key]>, string | number>];

/** Looks up a message; a message with {placeholders} must be given a value for each. */
export type Translate = <Key extends MessageKey>(key: Key, ...params: Params<Key>) => string;

export function translator(messages: Messages): Translate {
  return (key, ...params) => {
    const values: Record<string, string | number> = params[0] ?? {};
    return messages[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
  };
}
