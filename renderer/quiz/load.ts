import { parseYamlSource } from '../../core/yaml-source';
import { formatFinding } from '../../core/findings';
import { loadQuizBankSource, type QuizBank } from '../../core/quiz/index';

export type QuizBankLoad = { ok: true; packId: string; bank: QuizBank } | { ok: false; packId: string; message: { 'zh-Hans': string; en: string } };

type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * Fetches a pack's quiz bank from the host (`/api/quiz-bank/<packId>/pack.yaml`, then the bank file
 * it lists under contents.quizzes) and checks it with the same code as the validator. The
 * first bank is taken unless `bankId` names another. Never throws.
 */
export async function fetchQuizBank(packId: string, bankId?: string, fetcher: Fetcher = (u) => fetch(u), base = '/api/quiz-bank'): Promise<QuizBankLoad> {
  const fail = (zh: string, en: string): QuizBankLoad => ({ ok: false, packId, message: { 'zh-Hans': zh, en } });
  const get = async (rel: string) => {
    const r = await fetcher(`${base}/${encodeURIComponent(packId)}/${rel.split('/').map(encodeURIComponent).join('/')}`);
    if (!r.ok) throw new Error(`${rel}: HTTP ${r.status}`);
    return r.text();
  };
  try {
    const manifest = parseYamlSource(await get('pack.yaml'), 'pack.yaml').value as { contents?: { quizzes?: unknown } } | undefined;
    const entries = Array.isArray(manifest?.contents?.quizzes) ? manifest.contents.quizzes.filter((e): e is string => typeof e === 'string') : [];
    if (entries.length === 0) return fail('内容包中没有题库。', 'The pack has no quiz bank.');
    for (const entry of entries) {
      const loaded = loadQuizBankSource(new Map([[entry, await get(entry)]]), entry);
      if (bankId !== undefined && loaded.bank?.id !== bankId) continue;
      if (!loaded.bank) {
        const first = loaded.findings.find((f) => f.severity === 'error');
        return fail(`题库有错误：${first ? formatFinding(first) : entry}`, `The quiz bank has errors: ${first ? formatFinding(first) : entry}`);
      }
      return { ok: true, packId, bank: loaded.bank };
    }
    return fail(`内容包中没有题库 ${bankId ?? ''}。`, `The pack has no bank ${bankId ?? ''}.`);
  } catch (e) {
    return fail(`无法读取题库：${(e as Error).message}`, `Cannot read the quiz bank: ${(e as Error).message}`);
  }
}
