/**
 * The server-level sections a real applicationHost.config carries (section declarations,
 * modules, handlers, MIME maps), which the engine must read past.
 */

export const CONFIG_SECTIONS = `    <configSections>
        <sectionGroup name="system.applicationHost">
            <section name="applicationPools" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="configHistory" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="customMetadata" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="listenerAdapters" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="log" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="serviceAutoStartProviders" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="webLimits" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
        </sectionGroup>
        <sectionGroup name="system.webServer">
            <section name="asp" overrideModeDefault="Deny" />
            <section name="caching" overrideModeDefault="Allow" />
            <section name="defaultDocument" overrideModeDefault="Allow" />
            <section name="directoryBrowse" overrideModeDefault="Allow" />
            <section name="globalModules" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="handlers" overrideModeDefault="Deny" />
            <section name="httpCompression" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
            <section name="httpErrors" overrideModeDefault="Allow" />
            <section name="httpLogging" overrideModeDefault="Deny" />
            <section name="httpProtocol" overrideModeDefault="Allow" />
            <section name="httpRedirect" overrideModeDefault="Allow" />
            <section name="modules" allowDefinition="MachineToApplication" overrideModeDefault="Deny" />
            <section name="staticContent" overrideModeDefault="Allow" />
            <section name="urlCompression" overrideModeDefault="Allow" />
            <sectionGroup name="security">
                <section name="access" overrideModeDefault="Deny" />
                <sectionGroup name="authentication">
                    <section name="anonymousAuthentication" overrideModeDefault="Deny" />
                    <section name="basicAuthentication" overrideModeDefault="Deny" />
                    <section name="windowsAuthentication" overrideModeDefault="Deny" />
                </sectionGroup>
                <section name="authorization" overrideModeDefault="Allow" />
                <section name="ipSecurity" overrideModeDefault="Deny" />
                <section name="requestFiltering" overrideModeDefault="Allow" />
            </sectionGroup>
        </sectionGroup>
    </configSections>
`;

const MODULE_NAMES = [
  'HttpLoggingModule',
  'UriCacheModule',
  'FileCacheModule',
  'TokenCacheModule',
  'HttpCacheModule',
  'DynamicCompressionModule',
  'StaticCompressionModule',
  'DefaultDocumentModule',
  'DirectoryListingModule',
  'ProtocolSupportModule',
  'HttpRedirectionModule',
  'ServerSideIncludeModule',
  'StaticFileModule',
  'AnonymousAuthenticationModule',
  'CertificateMappingAuthenticationModule',
  'UrlMappingsModule',
  'BasicAuthenticationModule',
  'WindowsAuthenticationModule',
  'DigestAuthenticationModule',
  'IISCertificateMappingAuthenticationModule',
  'UrlAuthorizationModule',
  'IpRestrictionModule',
  'DynamicIpRestrictionModule',
  'RequestFilteringModule',
  'CustomLoggingModule',
  'CustomErrorModule',
  'IsapiFilterModule',
  'IsapiModule',
  'FailedRequestsTracingModule',
  'CgiModule',
  'FastCgiModule',
  'ApplicationInitializationModule',
  'WebSocketModule',
  'ConfigurationValidationModule',
  'ManagedEngineV4.0_32bit',
  'ManagedEngineV4.0_64bit',
  'RewriteModule',
  'ApplicationRequestRouting',
  'AspNetCoreModuleV2',
  'WebDAVModule',
];
const MIME_TYPES: readonly [string, string][] = [
  ['.323', 'text/h323'],
  ['.3g2', 'video/3gpp2'],
  ['.3gp', 'video/3gpp'],
  ['.7z', 'application/x-7z-compressed'],
  ['.aac', 'audio/aac'],
  ['.avi', 'video/x-msvideo'],
  ['.bmp', 'image/bmp'],
  ['.css', 'text/css'],
  ['.csv', 'text/csv'],
  ['.doc', 'application/msword'],
  ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['.eot', 'application/vnd.ms-fontobject'],
  ['.gif', 'image/gif'],
  ['.gz', 'application/x-gzip'],
  ['.htm', 'text/html'],
  ['.html', 'text/html'],
  ['.ico', 'image/x-icon'],
  ['.jpeg', 'image/jpeg'],
  ['.jpg', 'image/jpeg'],
  ['.js', 'application/javascript'],
  ['.json', 'application/json'],
  ['.mp3', 'audio/mpeg'],
  ['.mp4', 'video/mp4'],
  ['.pdf', 'application/pdf'],
  ['.png', 'image/png'],
  ['.ppt', 'application/vnd.ms-powerpoint'],
  ['.svg', 'image/svg+xml'],
  ['.tif', 'image/tiff'],
  ['.ttf', 'application/octet-stream'],
  ['.txt', 'text/plain'],
  ['.wasm', 'application/wasm'],
  ['.wav', 'audio/wav'],
  ['.webm', 'video/webm'],
  ['.webp', 'image/webp'],
  ['.woff', 'font/x-woff'],
  ['.woff2', 'application/font-woff2'],
  ['.xls', 'application/vnd.ms-excel'],
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['.xml', 'text/xml'],
  ['.zip', 'application/x-zip-compressed'],
];
const HANDLER_EXTENSIONS = [
  'aspx',
  'asmx',
  'ashx',
  'axd',
  'svc',
  'xamlx',
  'cshtml',
  'vbhtml',
  'rem',
  'soap',
  'asp',
  'shtml',
  'stm',
  'php',
  'cgi',
  'exe',
  'dll',
  'config',
  'cs',
  'vb',
];

export function serverLevelWebServer(): string {
  const lines: string[] = ['    <system.webServer>'];
  lines.push('        <globalModules>');
  for (const name of MODULE_NAMES)
    lines.push(`            <add name="${name}" image="%windir%\\System32\\inetsrv\\${name.toLowerCase()}.dll" />`);
  lines.push('        </globalModules>');
  lines.push('        <handlers accessPolicy="Read, Script">');
  for (const extension of HANDLER_EXTENSIONS) {
    for (const bitness of ['32', '64']) {
      lines.push(
        `            <add name="${extension.toUpperCase()}-ISAPI-4.0_${bitness}bit" path="*.${extension}" verb="GET,HEAD,POST,DEBUG" modules="IsapiModule" scriptProcessor="%windir%\\Microsoft.NET\\Framework${bitness === '64' ? '64' : ''}\\v4.0.30319\\aspnet_isapi.dll" preCondition="classicMode,runtimeVersionv4.0,bitness${bitness}" responseBufferLimit="0" />`,
      );
    }
  }
  lines.push(
    '            <add name="StaticFile" path="*" verb="*" modules="StaticFileModule,DefaultDocumentModule,DirectoryListingModule" resourceType="Either" requireAccess="Read" />',
  );
  lines.push('        </handlers>');
  lines.push('        <modules>');
  for (const name of MODULE_NAMES) lines.push(`            <add name="${name}" lockItem="true" />`);
  lines.push('        </modules>');
  lines.push('        <security>');
  lines.push('            <access sslFlags="None" />');
  lines.push('            <authentication>');
  lines.push('                <anonymousAuthentication enabled="true" userName="IUSR" />');
  lines.push('                <basicAuthentication />');
  lines.push('                <windowsAuthentication />');
  lines.push('            </authentication>');
  lines.push('            <requestFiltering>');
  lines.push('                <fileExtensions allowUnlisted="true" applyToWebDAV="true">');
  for (const extension of [
    '.asa',
    '.asax',
    '.ascx',
    '.master',
    '.skin',
    '.browser',
    '.sitemap',
    '.config',
    '.cs',
    '.csproj',
    '.vb',
    '.vbproj',
    '.webinfo',
    '.licx',
    '.resx',
    '.resources',
    '.mdb',
    '.ldb',
    '.mdf',
    '.ldf',
  ]) {
    lines.push(`                    <add fileExtension="${extension}" allowed="false" />`);
  }
  lines.push('                </fileExtensions>');
  lines.push('                <hiddenSegments applyToWebDAV="true">');
  for (const segment of [
    'web.config',
    'bin',
    'App_code',
    'App_GlobalResources',
    'App_LocalResources',
    'App_WebReferences',
    'App_Data',
    'App_Browsers',
  ])
    lines.push(`                    <add segment="${segment}" />`);
  lines.push('                </hiddenSegments>');
  lines.push('            </requestFiltering>');
  lines.push('        </security>');
  lines.push('        <staticContent lockAttributes="isDocFooterFileName">');
  for (const [extension, type] of MIME_TYPES)
    lines.push(`            <mimeMap fileExtension="${extension}" mimeType="${type}" />`);
  lines.push('        </staticContent>');
  lines.push('        <httpProtocol>');
  lines.push('            <customHeaders>');
  lines.push('                <add name="X-Powered-By" value="ASP.NET" />');
  lines.push('            </customHeaders>');
  lines.push('        </httpProtocol>');
  lines.push('    </system.webServer>');
  return `${lines.join('\n')}\n`;
}
