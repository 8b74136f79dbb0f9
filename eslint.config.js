// Where code may run is written down here and checked at error level.
// Do not relax these rules: core/ must stay pure so the host, the CLI, the surfaces and the
// tests can all share it, and the renderer must never reach into the host.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import reactThree from '@react-three/eslint-plugin';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const notInCore = [
  { group: ['node:*', ...nodeBuiltins], message: 'core/ is pure: no Node APIs. Pass data in from main/.' },
  { group: ['**/main/**', '../main', '../../main', '**/renderer/**', '../renderer', '../../renderer'], message: 'core/ imports nothing from main/ or renderer/.' },
  { group: ['electron', 'fastify', 'ws', 'react', 'react-dom', 'three', '@react-three/*', 'howler', 'yauzl', 'yazl', 'playwright-core'], message: 'core/ is pure: no I/O, DOM or rendering libraries.' },
];

export default tseslint.config(
  { ignores: ['.data/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', '**/*.d.ts', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: notInCore }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'core/ has no DOM.' },
        { name: 'document', message: 'core/ has no DOM.' },
        { name: 'process', message: 'core/ has no Node.' },
        { name: 'Buffer', message: 'core/ has no Node.' },
        { name: 'require', message: 'core/ has no Node.' },
        { name: 'setTimeout', message: 'core/ is a function of its inputs: time comes in as an argument.' },
        { name: 'setInterval', message: 'core/ is a function of its inputs: time comes in as an argument.' },
        { name: 'fetch', message: 'core/ does no I/O.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'core/ is deterministic: take a seed and use core/random.' },
        { object: 'Date', property: 'now', message: 'core/ is deterministic: take the time as an argument.' },
        { object: 'performance', property: 'now', message: 'core/ is deterministic: take the time as an argument.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ is deterministic: take the time as an argument.' },
        { selector: "CallExpression[callee.name='eval']", message: 'Content is data: nothing is evaluated.' },
        { selector: "NewExpression[callee.name='Function']", message: 'Content is data: nothing is evaluated.' },
      ],
    },
  },
  {
    // The shared screens (assets/screens) are plain pages: no modules, no bundle.
    files: ['assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@react-three': reactThree },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The frame loop allocates nothing: no `new` and no `.clone()` inside useFrame (STYLE.md).
      ...Object.fromEntries(Object.keys(reactThree.configs.recommended.rules).map((rule) => [rule, 'error'])),
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/main/**', '../main', '../../main', '../../../main'], message: 'The renderer never imports main/: talk to the host over core/protocol.' },
        { group: ['node:*', 'fs', 'path', 'child_process', 'electron'], message: 'The renderer runs in a sandboxed page: no Node or Electron APIs.' },
      ] }],
    },
  },
  {
    files: ['main/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'tools/**/*.ts', '*.config.{ts,js}', 'bin/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'main/ does not import renderer code; it serves the built renderer.' },
      ] }],
    },
  },
  {
    // Raw Electron IPC stays inside the thin shell wrappers (see STYLE.md, GitHub Desktop).
    files: ['main/**/*.ts'],
    ignores: ['main/shell/electron*.ts', 'main/shell/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/shell/electron*.ts and preload.ts talk to Electron.' }], patterns: [
        { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'main/ does not import renderer code; it serves the built renderer.' },
      ] }],
    },
  },
);
