import { fileError, type Finding } from '../../../core/findings';

/** A refusal with the findings that explain it (install, build, archive reading). */
export class PackRefused extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message.en}`).join('\n'));
  }
}

/** A refusal for a whole file, in zh-Hans and en. */
export const refuse = (code: string, file: string, zh: string, en: string): PackRefused => new PackRefused([fileError(code, file, { 'zh-Hans': zh, en })]);
