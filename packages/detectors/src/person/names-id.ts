/**
 * Indonesian given names and family names (marga), lower-case, from faker-js/faker
 * `src/locales/id_ID/person/{male,female}_{first,last}_name.ts` (MIT, see NAMES-LICENSE.md;
 * domain.md §5, S-46, S-53). Data only. Used to raise confidence, never required: labels and
 * structure come first.
 */
const FAKER_FIRST = `
abyasa ade adhiarja adiarja adika adikara adinata aditya agnes agus agustina aisyah ajeng ajiman ajimat
ajimin ajiono akarsana alambana alika almira amalia amelia ami among ana anastasia anggabaya anggun ani anita
anom argono aris arsipatra arta artanto artawan asirwada asirwanda aslijan asmadi asman asmianto asmuni
aswani atma atmaja aulia aurora ayu azalea bagas bagiya bagus bagya bahuraksa bahuwarna bahuwirya bajragin
bakda bakiadi bakianto bakidin bakijan bakiman bakiono bakti baktiadi baktianto baktiono bala balamantri
balangga balapati balidin balijan bambang banara banawa banawi bancar belinda bella betania budi cagak cager
cahya cahyadi cahyanto cahyo cahyono caket cakrabirawa cakrabuana cakrajiya cakrawala cakrawangsa calista
candra candrakanta capa caraka carla carub catur caturangga cawisadi cawisono cawuk cayadi cecep cemani
cemeti cemplunk cengkal cengkir chandra chelsea ciaobella cici cindy cinta cinthia citra clara cornelia dacin
dadap dadi dagel dalima daliman dalimin daliono damar damu danang daniswara danu danuja dariati darijan
darimin darmaji darman darmana darmanto darsirah dartono daru daruna daryani dasa devi dewi diah dian diana
digdaya dimas dimaz dina dinda dipa dirja ditya dodo dono drajat dwi dyah edi edison edward ega eja eka eko
eli elisa ella ellis elma elon eluh elvin elvina eman emas embuh emil emin emong empluk endah endra enteng
erik estiawan estiono eva faizah fara farah farhunnisa fathonah febi febriana febrina fitri fitria fitriani
gabriella gada gadang gading gadis gaduh gaiman galak galang galar galih galiono galuh galur gaman gamani
gamanto gambira gamblang ganda gandewa gandi ganep ganesha gangsa gangsar ganjaran gantar gara garan garang
garda gasti gatot gatra gawati genta ghaliyati ghani gibran gilang gilda gina hadi hafshah hairyanto halim
halima hamima hamzah hana hani hardana hardi hari harimurti harja harjasa harjaya harjo harsana harsanto
harsaya hartaka hartana harto hasan hasim hasna hasta hendra hendri heru heryanto hesti hilda himawan humaira
ian ibrahim ibrani ibun icha ida ifa ihsan ika ikhsan ikin ilsa ilyas imam ina indah indira indra intan ira
irawati irfan iriana irma irnanto irsad irwan ismail ivan jabal jaeman jaga jagapati jagaraga jail jaiman
jais jaka jamal jamalia jamil jane janet jarwa jarwadi jarwi jasmani jasmin jaswadi jati jatmiko jaya jayadi
jayeng jefri jelita jessica jinawi jindra johan joko jono juli julia jumadi jumari kacung kadir kairav kajen
kala kalim kamal kamaria kambali kamidin kamila kanda kani kania kardi karen karimah kariman karja karma
karman karna karsa karsana karta kartika karya kasim kasiran kasiyah kasusra kawaca kawaya kayla kayun keisha
kemal kemba kenari kenes kenzie kezia kiandra kirana koko kuncara kunthara kurnia kusuma labuh laila laksana
laksita lala lalita lamar lanang langgeng lanjar lantar laras lasmanto lasmono laswi latif latika lega legawa
lembah leo lestari lidya lili liman limar linda lintang luhung luis lukita lukman luluh lulut lurhur lutfan
luthfi luwar luwes mahdi mahesa mahfud mahmud maida maimunah makara makuta mala malik malika maman manah
maras margana maria mariadi marsito marsudi martaka martana martani marwata maryadi maryanto maya melani
melinda michelle mila mitra muhammad mujur mulya mulyanto mulyono mumpuni muni mursinin mursita murti mustika
mustofa mutia nabila nada nadia nadine najam najib najwa nalar naradi nardi narji nasab nasim nasrullah
natalia naura nilam nimas niyaga nova novi noviana novita nrima nugraha nur nurul nyana nyoman okta okto olga
oliva olivia oman omar oni opan ophelia opung oskar ozy padma padmi paiman panca pandu pangeran pangestu
panji paramita pardi paris parman patricia paulin perkasa pia praba prabawa prabowo prabu prakosa pranata
pranawa prasetya prasetyo pratiwi prayitna prayoga prayogo prima prita puji puput purwa purwadi purwanto
puspa puspita puti putri putu qori queen rachel raden radika radit raditya rafi rafid raharja rahayu rahman
rahmat rahmawati rahmi raihan raina raisa rama rangga ratih ratna reksa rendy respati restu retno reza ria
ridwan rika rina rini rita rizki rosa rosalina rosman rudi rusman saadat sabar sabri sabrina sadina safina
safira saiful saka sakti sakura salimah salman salsabila salwa samiah samsul sarah sari sartika sasha satya
septi setya shakila shania sherly sidiq silvia simon sintia siska siti slamet soleh suci surya syahrini talia
tami tania tantri tari tasdik tasnim taswir taufan taufik teddy tedi teguh tiara timbul tina tira tirta
tirtayasa titi titin tomi tri tsabita tugiman uchita uda uli ulva ulya umar umay umaya umi unggul unjani upik
usman usyi utama vanesa vania vanya vega vera vero vicky victoria viktor viman vino vinsen violet virman vivi
wadi wage wahyu wakiman waluyo wani wardaya wardi warji warsa warsita warta wasis wawan widya winda wira
wirda wisnu wulan wulandari xanana yahya yance yani yessi yoga yono yosef yulia yuliana yuni yunita yusuf
zaenab zahra zaki zakir zalindra zamira zelaya zelda zizi zulaikha zulfa zulfikar
`;

const FAKER_LAST = `
abimanyu abiputra adhitama adriansyah afifah agustian agustina ahmad airlangga alamsyah amanta ananda anandya
andini andriani anggraini anggriawan anjani antoni aqila ardana ardianto ardiyanti arifin aryani aryanti
astuti aswandi aurelia azizah azzahra bagaskara budiman budiyanto damanik damayanti darmawan darojat
dirgantara elvina fabian faresta farida fathina febian febrianti fernanda firgantoro firmansyah fujiati
gunarto gunawan habibi haikal hakim halim halimah handayani handoko hardiansyah harini hariyah hartati
haryanti haryanto hasanah hassanah hastuti herlambang hermawan hidayanto hidayat himawan hutagalung hutapea
hutasoit irawan irfandi iswahyudi jailani januar jelita juwita kahyang kurniawan kusmawati kusuma kusumo
kuswandari kuswoyo lailasari laksita laksmiwati latupono lazuardi leilani lesmana lestari maharani mahardika
mahendra mahestri maheswara maheswari mandala mandasari mangunsong mansur manullang marbun mardhiyah marpaung
maryadi maryati maulana mayasari megantara melani melinda mulyani mustika mustofa nababan nainggolan najmudin
namaga nanda napitupulu narpati nashiruddin nasyiah nasyidah nathania natsir ningrum novitasari nugraha
nugroho nuraini nurdiyanti nurlaela oktavian oktaviani oktovian padmasari palastri pangestu perdana permadi
permata pertiwi prabowo pradana pradipta prakasa pranowo prasasta prasetya prasetyo prastuti pratama pratiwi
prayoga pudjiastuti purnama purnawarman purnawati purwadi purwanti puspasari puspita putra putri rachmawati
rahardian rahayu rahimah rahmawati rajasa rajata ramadan ramadhani rayhan rendra riyanti sabian saefullah
safitri salahudin salma salsabilla samosir santoso saptono saputra saputri saragih saraswati satria setiawan
sihombing sihotang simanjuntak simbolon sinaga sirait siregar sitompul sitorus situmorang suartini sudiati
sudrajat supriyanto suryatmi suryono susanti suwarno syahreza tamba tampubolon tarihoran thamrin usada usamah
utama utami uwais uyainah wacana wahyudin wahyuni waluyo wardana wasita waskita wastuti wibisono wibowo
wicaksono widiastuti widodo wijaya wijayanti winarno winarsih wulandari yanuar yolanda yudhistira yulianti
yulianto yuliarti yuniar zahrah zulaika zulkarnain
`;

/**
 * Names common in patient registers that the faker lists lack (domain.md §5 naming patterns):
 * Arabic-derived, Javanese, Balinese birth-order names, Batak marga, Chinese-Indonesian. Our own list.
 */
const EXTRA = `
abdul abdullah achmad ahmad aisyah ali amir anwar arief arif asep bayu cahyani dedi dedy deni desi dimas
endang erna evi fajar farhan fauzi gede hadi hafidz hana hendro heri ikhsan ilham ismail iwan joni kadek
ketut komang lia lina made muh muhamad muhammad mohammad mohamad nengah ni nining nur nurhayati nyoman
putu rahmat rina rini riyadi rizky sandi siti slamet sri sugeng sugiarto suharto sukarno sulastri sumarni
sunarti supardi suparman supriadi surono susilo sutrisno syarifuddin tjahjadi tan tjandra wayan wahyudi
yanti yohanes yudi yusuf zainal fitriyani ningsih purwaningsih setyaningsih kartini darmono haryono
hutabarat lubis nasution pardede panjaitan pasaribu simatupang tambunan
`;

function toSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean));
}

/** Given names (lower-case). */
export const GIVEN_NAMES: ReadonlySet<string> = toSet(FAKER_FIRST, EXTRA);
/** Family names and marga (lower-case). */
export const FAMILY_NAMES: ReadonlySet<string> = toSet(FAKER_LAST, EXTRA);

/** True when the token is a known Indonesian given or family name. */
export function isKnownName(token: string): boolean {
  return isKnownLowerName(token.toLowerCase());
}

/** `isKnownName` for a token already in lower case. */
export function isKnownLowerName(lower: string): boolean {
  return GIVEN_NAMES.has(lower) || FAMILY_NAMES.has(lower);
}
