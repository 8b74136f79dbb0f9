import { describe, expect, it } from 'vitest';
import { addressToType, inAppBrowser } from './inApp';

// User agents as these apps send them (Android and iOS).
const UA = {
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2279 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  wechatIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2b) NetType/WIFI Language/zh_CN',
  wecom: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.16 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  qq: 'Mozilla/5.0 (Linux; Android 12; PEHM00 Build/SKQ1.210216.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046613 Mobile Safari/537.36 V1_AND_SQ_8.9.80_4614_YYB_D QQ/8.9.80.12440 NetType/WIFI WebP/0.3.0 AppId/537170046',
  dingtalk: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.40) com.laiwang.DingTalk/29084786 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK DingTalk/7.0.40',
  alipay: 'Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AliApp(AP/10.3.30.8000) AlipayClient/10.3.30.8000 Language/zh-Hans',
  qqBrowser: 'Mozilla/5.0 (Linux; U; Android 12; zh-cn; PEHM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/13.6 Mobile Safari/537.36',
  safari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  chrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
};

describe('the browsers inside chat apps', () => {
  it('names the app whose built-in browser opened the page', () => {
    expect(inAppBrowser(UA.wechatAndroid)).toBe('wechat');
    expect(inAppBrowser(UA.wechatIos)).toBe('wechat');
    expect(inAppBrowser(UA.wecom)).toBe('wecom');
    expect(inAppBrowser(UA.qq)).toBe('qq');
    expect(inAppBrowser(UA.dingtalk)).toBe('dingtalk');
    expect(inAppBrowser(UA.alipay)).toBe('alipay');
  });

  it('takes ordinary browsers (and the QQ Browser app) for what they are', () => {
    expect(inAppBrowser(UA.safari)).toBeUndefined();
    expect(inAppBrowser(UA.chrome)).toBeUndefined();
    expect(inAppBrowser(UA.qqBrowser)).toBeUndefined();
  });

  it('gives the address to type with the code and never the seat token', () => {
    expect(addressToType('http://192.168.1.20:8080', 'HQ7RT')).toBe('http://192.168.1.20:8080/phone/#/phone?code=HQ7RT');
    expect(addressToType('http://192.168.1.20:8080', '')).toBe('http://192.168.1.20:8080/phone/');
  });
});
