import { redirectNavigator, refusingNavigator } from './navigators';

describe('navigators', () => {
  it('leaves the page through the navigate function it was given', async () => {
    const navigations: string[] = [];
    const page = await redirectNavigator(url => navigations.push(url)).prepare({});
    await expect(page.navigate({ url: 'https://idp.example.org/authorize?x=1' })).resolves.toEqual({
      url: 'https://idp.example.org/authorize?x=1',
    });
    expect(navigations).toEqual(['https://idp.example.org/authorize?x=1']);
  });

  it('refuses popups and iframes, saying why', async () => {
    await expect(refusingNavigator('iframe').prepare({})).rejects.toThrow(
      'iframe sign-in is disabled (refresh tokens and full-page redirects only)',
    );
    await expect(refusingNavigator('popup').callback('https://viewer.example.org/callback')).rejects.toThrow(
      'popup sign-in is disabled',
    );
  });
});
