import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { pjlinkDigest } from './client';

/**
 * A PJLink class 1 projector on loopback, for tests and for trying a hall without projectors:
 * greets with `PJLINK 0` or, with a password, `PJLINK 1 <random>`, checks the MD5 digest on a
 * session's first command, answers POWR, INPT, AVMT, ERST, LAMP, NAME, CLSS, INST and ERR1 for
 * the rest, and records every command it accepted (what the tests assert on).
 */

export interface EmulatorOptions {
  password?: string;
  name?: string;
  /** Inputs the projector has (INST); INPT to another is ERR2. */
  inputs?: string[];
  /** The clock its log is stamped with (tests fake it). */
  now?: () => number;
}

export interface EmulatorEvent {
  at: number;
  command: string;
  param: string;
  answer: string;
}

export class PjlinkEmulator {
  power: 0 | 1 | 2 | 3 = 0;
  input = '31';
  avmt = '30';
  lampHours = 1234;
  erst = '000000';
  /** Every command it answered, in order. */
  readonly log: EmulatorEvent[] = [];
  /** Sessions refused for a wrong digest. */
  authFailures = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly opts: EmulatorOptions = {}) {}

  async start(port = 0): Promise<number> {
    const server = createServer((s) => this.session(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const a = server.address();
    this.port = typeof a === 'object' && a ? a.port : port;
    return this.port;
  }

  /** The power commands it accepted (`POWR 1` / `POWR 0`), with their times. */
  powerLog(): { at: number; on: boolean }[] {
    return this.log.filter((e) => e.command === 'POWR' && e.param !== '?' && e.answer === 'OK').map((e) => ({ at: e.at, on: e.param === '1' }));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1');
    const random = this.opts.password !== undefined ? randomBytes(4).toString('hex') : undefined;
    socket.write(random ? `PJLINK 1 ${random}\r` : 'PJLINK 0\r');
    let authed = random === undefined;
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 1024) return void socket.destroy();
      let i: number;
      while ((i = buffer.indexOf('\r')) >= 0) {
        let line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (!authed) {
          const digest = line.slice(0, 32);
          if (random === undefined || digest !== pjlinkDigest(random, this.opts.password ?? '')) {
            this.authFailures += 1;
            socket.end('PJLINK ERRA\r');
            return;
          }
          authed = true;
          line = line.slice(32);
        }
        socket.write(`${this.answer(line)}\r`);
      }
    });
  }

  private answer(line: string): string {
    const m = /^%1([A-Z0-9]{4}) (.*)$/.exec(line);
    if (!m) return '%1ERRX=ERR1';
    const [, command, param] = m as unknown as [string, string, string];
    const value = this.run(command, param);
    this.log.push({ at: (this.opts.now ?? Date.now)(), command, param, answer: value });
    return `%1${command}=${value}`;
  }

  private run(command: string, param: string): string {
    const inputs = this.opts.inputs ?? ['11', '31', '32', '51'];
    switch (command) {
      case 'POWR':
        if (param === '?') return String(this.power);
        if (param !== '0' && param !== '1') return 'ERR2';
        this.power = param === '1' ? 1 : 0;
        return 'OK';
      case 'INPT':
        if (param === '?') return this.power === 1 ? this.input : 'ERR3';
        if (!inputs.includes(param)) return 'ERR2';
        if (this.power !== 1) return 'ERR3';
        this.input = param;
        return 'OK';
      case 'AVMT':
        if (param === '?') return this.power === 1 ? this.avmt : 'ERR3';
        if (!/^[123][01]$/.test(param)) return 'ERR2';
        if (this.power !== 1) return 'ERR3';
        this.avmt = param;
        return 'OK';
      case 'ERST':
        return param === '?' ? this.erst : 'ERR2';
      case 'LAMP':
        return param === '?' ? `${this.lampHours} ${this.power === 1 ? 1 : 0}` : 'ERR2';
      case 'NAME':
        return param === '?' ? (this.opts.name ?? 'RedHall emulator') : 'ERR2';
      case 'CLSS':
        return param === '?' ? '1' : 'ERR2';
      case 'INST':
        return param === '?' ? inputs.join(' ') : 'ERR2';
      default:
        return 'ERR1';
    }
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
