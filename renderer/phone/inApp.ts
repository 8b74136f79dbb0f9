/**
 * The browsers built into the chat and payment apps people scan QR codes with. They run the
 * page like any WebView, but some refuse a LAN address or a socket to it; a player then needs
 * to be told how to carry on in the phone's own browser. Pure: reads only the user agent given.
 */
export type InAppBrowser = 'wechat' | 'wecom' | 'qq' | 'dingtalk' | 'feishu' | 'alipay' | 'weibo' | 'douyin';

const APPS: ReadonlyArray<[InAppBrowser, RegExp]> = [
  // WeCom (企业微信) also says MicroMessenger: test it first.
  ['wecom', /\bwxwork\//i],
  ['wechat', /\bMicroMessenger\//i],
  ['dingtalk', /\bDingTalk\//i],
  ['feishu', /\b(Lark|Feishu)\//i],
  ['alipay', /\bAlipayClient\//i],
  ['weibo', /\bWeibo\b/i],
  ['douyin', /\b(aweme|BytedanceWebview)\b/i],
  // Mobile QQ (not the QQ Browser app, which is a browser of its own).
  ['qq', /\sQQ\/\d/],
];

/** Which app's built-in browser this is, or undefined for an ordinary browser. */
export function inAppBrowser(userAgent: string): InAppBrowser | undefined {
  return APPS.find(([, re]) => re.test(userAgent))?.[0];
}

/** The address to type into the phone's own browser: the phone page with the code, and nothing a person must not see (no seat token). */
export function addressToType(origin: string, code: string): string {
  return `${origin}/phone/${code ? `#/phone?code=${code}` : ''}`;
}
