import { OhifCheckoutArgumentError, parseOhifCheckoutArguments } from './parseOhifCheckoutArguments';

describe('parseOhifCheckoutArguments', () => {
  it('takes the checkout and the target, local by default', () => {
    expect(parseOhifCheckoutArguments(['../Viewers'])).toEqual({
      checkoutDir: '../Viewers',
      target: 'local',
      stackName: 'OhifHealthImaging',
    });
    expect(
      parseOhifCheckoutArguments([
        '../Viewers',
        '--target',
        'aws',
        '--outputs-file',
        'out.json',
        '--stack-name',
        'Mine',
      ]),
    ).toEqual({
      checkoutDir: '../Viewers',
      target: 'aws',
      stackName: 'Mine',
      outputsFile: 'out.json',
    });
    expect(parseOhifCheckoutArguments(['--help'])).toBe('help');
  });

  it.each([
    [[], 'give the folder of the OHIF checkout, e.g. npm run ohif-checkout -- ../Viewers'],
    [['a', 'b'], 'give one checkout folder, got 2: a b'],
    [['a', '--target', 'cloud'], '--target must be local or aws, got "cloud"'],
    [['a', '--outputs-file', 'x.json'], '--outputs-file is for --target aws'],
    [['a', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOhifCheckoutArguments(argv)).toThrow(OhifCheckoutArgumentError);
    expect(() => parseOhifCheckoutArguments(argv)).toThrow(message);
  });
});
