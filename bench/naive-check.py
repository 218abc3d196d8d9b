"""The peer `npm run bench` holds `test` to: what an administrator writes in an afternoon.

A small subset of the check with xml.etree: the effective anonymous userName per site (server
level, then <location path="site">), the site's root pool identity, and whether each is in
secedit.inf's SeNetworkLogonRight line and not in its SeDenyNetworkLogonRight line. Usage:
python3 naive-check.py <snapshot folder>; prints one line per problem and exits 1 if any.
"""
import hashlib, struct, sys, xml.etree.ElementTree as ET

folder = sys.argv[1]
root = ET.parse(f"{folder}/applicationHost.config").getroot()
AUTH = "system.webServer/security/authentication/anonymousAuthentication"
server = root.find(AUTH)
server_user = server.get("userName", "IUSR") if server is not None else "IUSR"
by_location = {}
for location in root.findall("location"):
    element = location.find(AUTH)
    if element is not None and element.get("userName") is not None:
        by_location[location.get("path", "").strip("/").lower()] = element.get("userName")
pools = {}
for add in root.iterfind("system.applicationHost/applicationPools/add"):
    model = add.find("processModel")
    kind = model.get("identityType", "ApplicationPoolIdentity") if model is not None else "ApplicationPoolIdentity"
    pools[add.get("name").lower()] = (kind, model.get("userName", "") if model is not None else "", add.get("name"))

rights = {}
with open(f"{folder}/secedit.inf", encoding="utf-16") as inf:
    for line in inf:
        name, _, value = line.partition("=")
        if name.strip() in ("SeNetworkLogonRight", "SeDenyNetworkLogonRight"):
            rights[name.strip()] = {entry.strip().lstrip("*").lower() for entry in value.split(",")}
BROAD_GROUPS = {"s-1-1-0", "s-1-5-11", "s-1-5-32-545"}  # Everyone, Authenticated Users, Users
WELL_KNOWN = {"iusr": "s-1-5-17", "networkservice": "s-1-5-20", "localservice": "s-1-5-19", "localsystem": "s-1-5-18"}

def sid_of(name, pool=None):
    if pool is not None:
        digest = hashlib.sha1(pool.lower().encode("utf-16-le")).digest()
        return "s-1-5-82-" + "-".join(str(part) for part in struct.unpack("<5I", digest))
    return WELL_KNOWN.get(name.lower().split("\\")[-1], name.lower())

problems = 0
for site in root.iterfind("system.applicationHost/sites/site"):
    user = by_location.get(site.get("name").lower(), server_user)
    application = site.find("application[@path='/']")
    kind, pool_user, pool_name = pools.get((application.get("applicationPool") or "").lower(), ("", "", ""))
    identities = [sid_of(user or pool_user or kind, None if user or kind != "ApplicationPoolIdentity" else pool_name)]
    identities.append(sid_of(pool_user or kind, pool_name if kind == "ApplicationPoolIdentity" else None))
    for sid in identities:
        granted = rights.get("SeNetworkLogonRight", set()) & {sid, *BROAD_GROUPS}
        if not granted or sid in rights.get("SeDenyNetworkLogonRight", ()):
            problems += 1
            print(f"{site.get('name')}: {sid} lacks network logon or is denied")
sys.exit(1 if problems else 0)
