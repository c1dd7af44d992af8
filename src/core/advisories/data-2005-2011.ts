/** Advisory data, 2005–2011 Microsoft bulletins; paraphrased from the verified fact sheet. */
import type { Advisory } from './catalog';

const KEV_SNAPSHOT = 'catalog 2025.08.25';

export const ADVISORIES_2005_2011: readonly Advisory[] = [
  {
    id: 'MS05-027',
    aliases: ['CVE-2005-1206', 'CAN-2005-1206', 'KB896422'],
    title: 'SMB server buffer overflow allowing remote code execution',
    published: '2005-06-14',
    summary:
      'A buffer overflow in the Windows SMB server on Windows 2000, XP and Server 2003 let a remote attacker run code on the machine without any credentials. ' +
      'Any host answering SMB on TCP 445 from an untrusted network could be attacked, and blocking that port at firewalls was the stopgap analysts urged until the patch was in.',
    context:
      'Microsoft shipped the fix on 14 June 2005. Sensors then picked up a jump in probes of TCP 445 (first seen the Friday after the patch), and the following week Gartner warned it could be the run-up to a mass attack. ' +
      'Its advice was to roll the patch out quickly, shield unpatched systems in the meantime, make sure every firewall (personal firewalls on PCs included) stops TCP 445 wherever it is not needed, and refresh network and host intrusion-prevention filters. ' +
      'Symantec later reported the spike had died down, and Microsoft said it knew of no attacks or public exploit code.',
    severity: 'Critical',
    cvss: [{ version: '2.0', score: 7.5, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [445], udp: [] },
    workarounds: [
      'Install the MS05-027 update without delay (Microsoft).',
      'Gartner, June 2005: speed up patching, use shielding until patched, block TCP 445 on every firewall where possible (personal firewalls too), and update network and host IPS filters.',
      'On Windows XP SP2 the built-in firewall is on for every connection and drops unrequested inbound traffic unless an exception such as File and Printer Sharing has been turned on.',
    ],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2005/ms05-027',
      'https://nvd.nist.gov/vuln/detail/CVE-2005-1206',
      'http://www.kb.cert.org/vuls/id/489397',
      'http://www.us-cert.gov/cas/techalerts/TA05-165A.html',
      'http://www.computerworld.com/s/article/102687/Increased_port_sniffing_could_herald_attack_Gartner_warns',
      'https://redmondmag.com/articles/2005/06/23/gartner-port-sniffing-spike-may-signal-effort-to-exploit-microsoft-smb-flaw.aspx',
      'https://www.cnet.com/tech/services-and-software/port-spike-may-portend-an-attack-experts-say/',
    ],
    unverified: [
      "The bulletin's own workaround text (for example blocking TCP 139/445)",
      'Per-product severity ratings (only the overall Critical rating was seen)',
      'That TCP 139 is an attack path for this flaw',
      'That the XP SP2 firewall blocks port 445 by name (sources only say it drops unrequested inbound traffic)',
    ],
  },
  {
    id: 'MS06-035',
    aliases: ['CVE-2006-1314', 'CVE-2006-1315'],
    title: 'Mailslot heap overflow in the Server service driver (SRV.SYS)',
    published: '2006-07-11',
    summary:
      'The Windows Server service driver SRV.SYS could overflow a heap buffer while handling Mailslot messages on Windows 2000, XP and Server 2003; NVD scores it as reachable over the network with no login. ' +
      'A second CVE in the same bulletin concerns an SMB information leak. Which ports carry the attack was not confirmed, so none are listed.',
    cvss: [{ cve: 'CVE-2006-1314', version: '2.0', score: 7.5, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [], udp: [] },
    workarounds: [],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2006/ms06-035',
      'https://nvd.nist.gov/vuln/detail/CVE-2006-1314',
      'http://www.kb.cert.org/vuls/id/189140',
      'http://www.us-cert.gov/cas/techalerts/TA06-192A.html',
    ],
    unverified: [
      "Microsoft's bulletin title and KB number",
      'Microsoft severity rating',
      'Ports used (TCP or NetBIOS UDP)',
      'Workarounds',
      'Details and score of CVE-2006-1315',
    ],
  },
  {
    id: 'MS06-040',
    aliases: ['CVE-2006-3439'],
    title: 'Server service buffer overrun through a crafted RPC call',
    published: '2006-08-08',
    summary:
      'A specially built RPC request to the Windows Server service could overrun a buffer and give an unauthenticated attacker full control of Windows 2000, XP and Server 2003. ' +
      'The request rides on SMB, so machines with TCP 139 or 445 open were reachable; in August 2006 the press reported bot trojans spreading through it and a public Metasploit module.',
    cvss: [{ version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [139, 445], udp: [] },
    workarounds: ['Patch; where that is not yet possible, block TCP 139 and 445 so the flaw cannot be reached remotely.'],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2006/ms06-040',
      'https://nvd.nist.gov/vuln/detail/CVE-2006-3439',
      'http://www.kb.cert.org/vuls/id/650769',
      'http://www.us-cert.gov/cas/techalerts/TA06-220A.html',
    ],
    unverified: ["Microsoft's bulletin title and KB number", 'Microsoft severity rating', 'Names of the malware families that used it'],
  },
  {
    id: 'MS08-067',
    aliases: ['CVE-2008-4250', 'KB958644'],
    title: 'Server service RPC path-handling flaw (Conficker)',
    published: '2008-10-23',
    summary:
      'Released outside the normal patch cycle, this fixes a path-canonicalisation overflow in the Windows Server service, triggered by a crafted RPC request sent over SMB. ' +
      'On Windows 2000, XP and Server 2003 no login was needed, so Microsoft warned it could be wormable: Gimmiv.A used it in October 2008 and the Conficker worm spread through it soon after.',
    severity: 'Critical',
    cvss: [{ version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: ['Gimmiv.A', 'Conficker'],
    ports: { tcp: [139, 445], udp: [] },
    workarounds: [
      'Install KB958644 right away. Microsoft adds that perimeter firewalls set up to best practice, or left at their defaults, help keep attacks from outside the network out.',
    ],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2008/ms08-067',
      'https://nvd.nist.gov/vuln/detail/CVE-2008-4250',
      'http://www.kb.cert.org/vuls/id/827267',
      'http://www.us-cert.gov/cas/techalerts/TA08-297A.html',
      'http://www.us-cert.gov/cas/techalerts/TA09-088A.html',
    ],
    unverified: [
      "Microsoft's workaround list in the bulletin itself (such as disabling the Server or Computer Browser service, or blocking TCP 139/445)",
      'KEV status after the 2025-08-25 snapshot: a third-party brief claims CISA has since listed it; no CISA source confirms this',
    ],
  },
  {
    id: 'MS09-001',
    aliases: ['CVE-2008-4114', 'CVE-2008-4834', 'CVE-2008-4835', 'KB958687'],
    title: 'SMB NT Trans request flaws',
    published: '2009-01-13',
    summary:
      'Malformed SMB NT Trans requests to the Server service could let a remote attacker run code on Windows 2000, XP and Server 2003; on Vista and Server 2008 the worst case was a denial of service. ' +
      'Only SMB access is needed, so open TCP 139 and 445 are the exposure.',
    severity: 'Critical',
    cvss: [{ cve: 'CVE-2008-4834', version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [139, 445], udp: [] },
    workarounds: [
      "Microsoft's fallback: shut TCP 139 and 445 off at the firewall, accepting that file and printer sharing and other services on those ports stop working.",
    ],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2009/ms09-001',
      'https://nvd.nist.gov/vuln/detail/CVE-2008-4834',
      'http://www.us-cert.gov/cas/techalerts/TA09-013A.html',
      'http://www.zerodayinitiative.com/advisories/ZDI-09-001/',
    ],
    unverified: ['NVD scores for CVE-2008-4114 and CVE-2008-4835'],
  },
  {
    id: 'MS09-050',
    aliases: ['CVE-2009-2526', 'CVE-2009-2532', 'CVE-2009-3103', 'KB975517', 'Microsoft Security Advisory 975497'],
    title: 'SMBv2 negotiation flaws in srv2.sys',
    published: '2009-10-13',
    summary:
      'The SMBv2 server driver srv2.sys mishandled NEGOTIATE requests, letting a remote attacker run code on Windows Vista and Server 2008 (and the Windows 7 release candidate) without credentials. ' +
      'The flaw was public from 8 September 2009, more than a month before this fix, when Microsoft answered with Security Advisory 975497; exploit code is public.',
    severity: 'Critical',
    cvss: [
      { cve: 'CVE-2009-3103', version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' },
      { cve: 'CVE-2009-2532', version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' },
    ],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [139, 445], udp: [] },
    workarounds: [
      'Keep the SMB ports unreachable from the Internet. Vista machines whose network is set to the Public profile drop unrequested inbound packets by default and are not exposed.',
    ],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2009/ms09-050',
      'http://www.microsoft.com/technet/security/advisory/975497.mspx',
      'https://nvd.nist.gov/vuln/detail/CVE-2009-3103',
      'http://www.kb.cert.org/vuls/id/135940',
      'http://www.us-cert.gov/cas/techalerts/TA09-286A.html',
    ],
    unverified: ["Advisory 975497's registry workaround that switches SMBv2 off", 'NVD score for CVE-2009-2526'],
  },
  {
    id: 'MS10-012',
    aliases: ['CVE-2010-0020', 'CVE-2010-0021', 'CVE-2010-0022', 'CVE-2010-0231', 'KB971468'],
    title: 'SMB server flaws (February 2010)',
    published: '2010-02-09',
    summary:
      'Four issues in the Windows SMB server, fixed in February 2010 for Windows 2000 up to Windows 7 and Server 2008 R2, with a maximum Microsoft rating of Important. ' +
      'Scores, ports and workarounds could not be confirmed, so treat this entry as a pointer only.',
    severity: 'Important',
    cvss: [],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [], udp: [] },
    workarounds: [],
    references: [],
    unverified: [
      'NVD scores',
      'Ports used',
      'Workarounds',
      'Titles of the individual CVEs',
      'The bulletin URL (only guessed from the pattern of other bulletins, so left out)',
    ],
  },
  {
    id: 'MS10-020',
    aliases: ['CVE-2009-3676', 'CVE-2010-0269', 'CVE-2010-0270', 'CVE-2010-0476', 'CVE-2010-0477', 'KB980232', 'Microsoft Security Advisory 977544'],
    title: 'SMB client flaws triggered by a malicious server',
    published: '2010-04-13',
    summary:
      'Bugs in the Windows SMB client, rated Critical on every supported Windows version in April 2010, can be abused when a victim connects out to an SMB server the attacker controls. ' +
      'The danger here is outbound SMB rather than an open inbound 445/139; a public denial-of-service proof of concept exists for one of the five CVEs.',
    severity: 'Critical',
    cvss: [],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [], udp: [] },
    workarounds: [],
    references: ['https://learn.microsoft.com/en-us/security-updates/SecurityBulletins/2010/ms10-020'],
    unverified: [
      'NVD scores',
      'Outbound port numbers',
      'Blocking outbound SMB at the perimeter as a workaround (usual advice, but absent from the bulletin text that was seen)',
    ],
  },
  {
    id: 'MS10-054',
    aliases: ['CVE-2010-2550', 'CVE-2010-2551', 'CVE-2010-2552', 'KB982214'],
    title: 'SMB server flaws reached with a crafted packet',
    published: '2010-08-10',
    summary:
      'A single crafted SMB packet could trigger code execution in the Windows SMB server: Critical on Windows XP, Important on Server 2003, Vista, Server 2008, Windows 7 and Server 2008 R2. ' +
      'Anyone able to reach TCP 445 or 139 can send it, and exploit code is public.',
    severity: 'Critical',
    cvss: [{ cve: 'CVE-2010-2550', version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [139, 445], udp: [] },
    workarounds: ['Microsoft points to perimeter firewalls configured to best practice, or left at their defaults, as protection against attacks from outside.'],
    references: [
      'https://learn.microsoft.com/en-us/security-updates/SecurityBulletins/2010/ms10-054',
      'https://nvd.nist.gov/vuln/detail/CVE-2010-2550',
      'http://www.us-cert.gov/cas/techalerts/TA10-222A.html',
      'http://seclists.org/fulldisclosure/2010/Aug/122',
    ],
    unverified: ['NVD scores for CVE-2010-2551 and CVE-2010-2552', "The bulletin's detailed workaround text"],
  },
  {
    id: 'MS11-020',
    aliases: ['CVE-2011-0661', 'KB2508429'],
    title: 'SMB transaction parsing flaw',
    published: '2011-04-12',
    summary:
      'A malformed SMBv1 or SMBv2 transaction request could let a remote attacker run code on Windows XP through Windows 7 and Server 2008 R2. ' +
      "Microsoft's highest rating for the bulletin was Critical.",
    severity: 'Critical',
    cvss: [{ version: '2.0', score: 10.0, vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', source: 'NVD' }],
    kev: { listed: false, checkedAgainst: KEV_SNAPSHOT },
    malware: [],
    ports: { tcp: [], udp: [] },
    workarounds: [],
    references: [
      'https://docs.microsoft.com/en-us/security-updates/securitybulletins/2011/ms11-020',
      'https://nvd.nist.gov/vuln/detail/CVE-2011-0661',
      'http://www.us-cert.gov/cas/techalerts/TA11-102A.html',
    ],
    unverified: ['Per-product severity ratings', 'Workarounds', 'Ports used'],
  },
];
