/** applicationHost.config of a generated snapshot: pools, sites and one `<location>` per site. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CONFIG_SECTIONS, serverLevelWebServer } from './server-level';
import {
  type SnapshotSpec,
  seededRandom,
  randomBase64,
  poolIdentity,
  anonymousAccountCount,
  poolName,
  siteName,
  poolAccountName,
  anonymousAccountName,
  siteAccountName,
  locationKind,
} from './spec';

function poolXml(index: number, spec: SnapshotSpec, random: () => number): string {
  const name = poolName(index);
  const runtime = index % 5 === 0 ? 'managedRuntimeVersion=""' : 'managedRuntimeVersion="v4.0"';
  const identity = poolIdentity(index, spec);
  let processModel = '';
  switch (identity.type) {
    case 'ApplicationPoolIdentity':
      if (identity.written)
        processModel = '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:20:00" />';
      break;
    case 'SpecificUser':
      processModel = `<processModel identityType="SpecificUser" userName="${poolAccountName(identity.account)}" password="[enc:IISWASOnlyCngProvider:${randomBase64(random, 64)}=:enc]"${identity.logonType === 'LogonService' ? ' logonType="LogonService"' : ''} />`;
      break;
    default:
      processModel = `<processModel identityType="${identity.type}" />`;
  }
  const recycling =
    '<recycling><periodicRestart time="00:00:00"><schedule><add value="03:00:00" /></schedule></periodicRestart></recycling>';
  return `            <add name="${name}" autoStart="true" ${runtime} managedPipelineMode="Integrated">\n                ${processModel}${recycling}\n            </add>\n`;
}

function siteXml(index: number, spec: SnapshotSpec): string {
  const name = siteName(index);
  const apiPool = poolName((index + 1) % spec.sites);
  const staticDirectory =
    index % 4 === 0 ? `\n                    <virtualDirectory path="/static" physicalPath="E:\\cdn\\${name}" />` : '';
  return `            <site name="${name}" id="${index + 1}" serverAutoStart="true">
                <application path="/" applicationPool="${poolName(index)}">
                    <virtualDirectory path="/" physicalPath="D:\\sites\\${name}\\wwwroot" />${staticDirectory}
                </application>
                <application path="/api" applicationPool="${apiPool}">
                    <virtualDirectory path="/" physicalPath="D:\\sites\\${name}\\api" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:80:${name}.example.com" />
                    <binding protocol="https" bindingInformation="*:443:${name}.example.com" sslFlags="1" />
                </bindings>
                <logFile directory="L:\\logs\\${name}" />
            </site>
`;
}

function anonymousOverride(attributes: string): string {
  return `        <system.webServer>
            <security>
                <authentication>
                    <anonymousAuthentication ${attributes} />
                </authentication>
            </security>
        </system.webServer>
`;
}

function locationXml(index: number, spec: SnapshotSpec, random: () => number): string {
  const name = siteName(index);
  const password = () => `password="[enc:IISWASOnlyCngProvider:${randomBase64(random, 64)}=:enc]"`;
  switch (locationKind(index)) {
    case 'pool-identity':
      return `    <location path="${name}">\n${anonymousOverride('userName=""')}    </location>\n`;
    case 'site-account':
      return `    <location path="${name}">\n${anonymousOverride(`userName="${siteAccountName(spec, index)}" ${password()}`)}    </location>\n`;
    case 'domain-account':
      return `    <location path="${name}">\n${anonymousOverride(`userName="${anonymousAccountName(index % anonymousAccountCount(spec))}" ${password()} logonMethod="Network"`)}    </location>\n`;
    case 'builtin-iusr':
      return `    <location path="${name}">\n${anonymousOverride('enabled="true" userName="IUSR"')}    </location>\n`;
    case 'api-anonymous-off':
      return `    <location path="${name}/api">
        <system.webServer>
            <security>
                <authentication>
                    <anonymousAuthentication enabled="false" />
                    <windowsAuthentication enabled="true" />
                </authentication>
            </security>
        </system.webServer>
    </location>
`;
    case 'api-other-settings':
      return `    <location path="${name}/api" overrideMode="Allow">
        <system.webServer>
            <security>
                <access sslFlags="Ssl, SslNegotiateCert" />
                <requestFiltering>
                    <requestLimits maxAllowedContentLength="52428800" />
                </requestFiltering>
            </security>
            <defaultDocument enabled="false" />
        </system.webServer>
    </location>
`;
  }
}

/** Writes applicationHost.config in chunks, so 100,000 sites never sit in one string. */
export function writeApplicationHostConfig(path: string, spec: SnapshotSpec, seed: number): void {
  const random = seededRandom(seed);
  const fd = openSync(path, 'w');
  let buffered: string[] = [];
  let bufferedLength = 0;
  let written = 0;
  const limit = spec.truncated ? 2048 : Infinity;
  const flush = () => {
    const text = buffered.join('').replace(/\n/g, '\r\n');
    const bytes = Buffer.from(text, 'utf8');
    const take = Math.min(bytes.length, Math.max(0, limit - written));
    if (take > 0) writeSync(fd, bytes, 0, take);
    written += take;
    buffered = [];
    bufferedLength = 0;
  };
  const emit = (text: string) => {
    buffered.push(text);
    bufferedLength += text.length;
    if (bufferedLength > 1 << 20) flush();
  };
  try {
    emit(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!--\n    IIS configuration sections.\n    Generated by bench/generate.ts.\n-->\n<configuration>\n',
    );
    emit(CONFIG_SECTIONS);
    emit('    <system.applicationHost>\n        <applicationPools>\n');
    for (let index = 0; index < spec.sites; index++) emit(poolXml(index, spec, random));
    emit(
      '            <applicationPoolDefaults managedRuntimeVersion="v4.0">\n                <processModel identityType="ApplicationPoolIdentity" loadUserProfile="true" setProfileEnvironment="false" />\n            </applicationPoolDefaults>\n        </applicationPools>\n',
    );
    emit(
      '        <listenerAdapters>\n            <add name="http" />\n        </listenerAdapters>\n        <log>\n            <centralW3CLogFile enabled="true" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />\n        </log>\n',
    );
    emit('        <sites>\n');
    for (let index = 0; index < spec.sites; index++) emit(siteXml(index, spec));
    emit(
      '            <siteDefaults>\n                <logFile logFormat="W3C" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />\n            </siteDefaults>\n            <applicationDefaults applicationPool="DefaultAppPool" />\n            <virtualDirectoryDefaults allowSubDirConfig="true" />\n        </sites>\n        <webLimits />\n    </system.applicationHost>\n',
    );
    emit(serverLevelWebServer());
    for (let index = 0; index < spec.sites; index++) emit(locationXml(index, spec, random));
    emit('</configuration>\n');
    flush();
  } finally {
    closeSync(fd);
  }
}
