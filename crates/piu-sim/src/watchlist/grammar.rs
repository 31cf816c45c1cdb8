//! Names that do not exist but could: each origin's own ways of making names
//! — Azerbaijani surnames from a forefather's name with -OV, -LI or -ZADƏ,
//! Russian ones from nicknames and trades with -OV, -IN, -SKIY, -ENKO, Arabic
//! names from three-consonant roots in the classic patterns, Turkish surnames
//! from two words, Georgian stems with -SHVILI and -DZE, Armenian ones with
//! -YAN. Real names alone are too few for a list of a million persons.
//!
//! Everything is in the canonical form `spelling` reads.

use std::collections::HashMap;

use super::origin::Origin;
use crate::rng::Rng;

/// Building blocks, by origin and purpose; words separated by blanks.
#[rustfmt::skip]
const PARTS: &[(Origin, &str, &str)] = &[
    (Origin::Azerbaijani, "pre", "EL AY GÜN NUR TUR OR SEV AL ŞAH MİR CAN YAŞ AR ER İL QAR TAN ÜL BAY \
        TOĞ ULU AZ AT VÜ RƏ Nİ SƏ FƏ Hİ KƏ ZƏ MƏ TƏ ƏL ƏR ÇİN ŞİR ZAM İS AQ BƏX DƏN GÖY İN Lİ \
        NƏ PƏ SA TO Ü YA ZA"),
    (Origin::Azerbaijani, "male", "ÇİN NUR VİN XAN MAN DAR MAR ŞƏN GÜN TAC BƏY QAR MİR TAY SUN KAN CAN \
        RAN LAN YAR VAR TAN DAŞ RUZ HAN KAM MİN RİF SUL VƏR ZAL ŞAD SƏN NAR"),
    (Origin::Azerbaijani, "female", "NUR GÜL SEL TƏN ŞƏN GÜN LƏ NƏ RƏ YƏ ZƏ VƏ MİNƏ RİNƏ NARƏ TAC SU \
        NAZ SƏN LANƏ GÜLƏ"),
    (Origin::Turkish, "pre", "AY GÜN NUR TUR OR SER AL ER İL KAR TAN BAY GÖK ALP ATA BAT ERK KUT ÖZ \
        TOL UĞ ON VOL HAK EM CEM BER SEL MET TUN ARS SİN BİL DOĞ EF KOR MER OK SAV TEM UL YAL"),
    (Origin::Turkish, "male", "HAN KAN TEKİN ER ALP TAY BEY CAN GÜR KUT TUĞ TÜRK SOY AN EM TAN DAL DAR \
        MAN GÜN DEMİR ERK KAYA MERT OĞUZ SEL TUNÇ"),
    (Origin::Turkish, "fpre", "AY GÜN NUR GÜL SU EL SEL SEV İL TEN DE NA LE YA MER SE Bİ ZE DİL FİL \
        AS BE CE DU EB GÖ HÜ İP NE ÖZ"),
    (Origin::Turkish, "female", "NUR GÜL SU SEL SİN NAZ BİKE TEN LA NA CAN AY EN İN ÇE DA MA RA SU \
        YE NE SER BİL DAN LİN"),
    (Origin::Turkish, "first", "AK KARA ÖZ AL ALTIN GÜMÜŞ DEMİR TAŞ GÖK AY GÜN YIL ER KOÇ KURT ARSLAN \
        ŞAHİN DOĞAN TUR BOZ SARI TOP UZUN KOCA YENİ ESKİ BÜYÜK KÜÇÜK ÇELİK KILIÇ BAŞ CAN YAVUZ EREN \
        ULU TEK ALP ATA OĞUZ TUNA DERE DAĞ DENİZ YURT İL BEY HAN KAYA SU ORMAN TOPRAK GÜL NUR ŞEN \
        İNAN SEVİM AYDIN ÇAM MEŞE ÇINAR KARTAL BALCI DEMİRCİ ÇOBAN AVCI AKÇA ARDA BAYRAK BERK BİNGÖL \
        BOLAT CEYLAN ÇAĞLAR DURSUN EKİN ERDEM GÜNDOĞ GÜVEN HAZAR IŞIL KAHRAMAN KANDEMİR KARAKUŞ \
        KESKİN KÖROĞ MERT ODABAŞ OKYAY ÖNDER SAYGI SERT SÖNMEZ TAŞKIN TOPAL TURGUT ÜSTÜN YAMAN \
        YİĞİT ZENGİN"),
    (Origin::Turkish, "second", "OĞLU ER SOY KAYA TAŞ DAĞ DEMİR TÜRK ALP TEKİN OK GÜL CAN BAŞ ÇELİK \
        YURT KAN DOĞAN YILDIZ ASLAN KURT HAN BEY TEPE DERE GÖL EL AY GÜN IŞIK SOYLU ÖZ KOL GİL ÇAY \
        TUNÇ POLAT ALTAN ARAS BAŞI BİLGE ÇINAR DURU EREN GÜÇ KARTAL KOÇ KÖK OCAK OĞUL SEVEN TAN \
        TOPRAK UYSAL YÜCE"),
    (Origin::Russian, "pre", "ВЛАДИ ЯРО СВЯТО МИРО СТАНИ БОРИ РАДО ДОБРО БОГО ЛЮБО ВСЕ ВЯЧЕ ЗЛАТО \
        БРАТИ ДРАГО ТВЕРДО ЛЮДО ГОСТИ МСТИ ВЕЛИ"),
    (Origin::Russian, "male", "СЛАВ МИР ДАН ГОСТ ПОЛК ВОЙ"),
    (Origin::Russian, "female", "СЛАВА МИРА ДАНА"),
    (Origin::Russian, "root", "БЕЛ ЧЕРН КРАСН БЫСТР ВОРОН СОКОЛ ГОЛУБ ЖУРАВЛ ЛЕБЕД МЕДВЕД ВОЛК ЗАЙЦ \
        КОЗЛ БАРАН БЫК КОТ ПЕТУХ СОРОК ГРАЧ СКВОРЦ ДРОЗД ГУС УТК РЫБ ЩУК ОКУН КАРАС ЛЕЩ ЕРШ МЕЛЬНИК \
        КУЗНЕЦ ПЛОТНИК ГОНЧАР ТКАЧ СТОЛЯР ПАСТУХ КОВАЛ КРАВЧ ШВЕЦ ЛОБ НОС ГЛАЗ ГОЛОВ ЗУБ БОРОД ЛЫС \
        КУДРЯВ ТОЛСТ ТОНК ДОЛГ КОРОТК МАЛ СТАР МОЛОД НОВ ДОБР ТИХ ГРОМ СИЛ СМИРН ВЕСЕЛ ГОРЬК СЛАДК \
        СОЛ МЕД ХЛЕБ БЛИН КВАС СУХ ХОЛОД ТЕПЛ ЗИМ ЛЕТ ВЕСН ОСЕН МОРОЗ СНЕГ ВЕТР ОБЛАК ЛУН ЗВЕЗД ГОР \
        ЛЕС ПОЛ РЕК ОЗЕР БЕРЕЗ ДУБ СОСН ЛИП КЛЕН ОСИН РЯБИН КАЛИН МАЛИН ВИШН ЯБЛОК ГРУШ ОРЕХ ГРИБ \
        ЦВЕТ РОЗ ТРАВ КАМЕН ЖЕЛЕЗ СЕРЕБР ЗОЛОТ СВЕТ ТЕМН КРЕСТ ПОП ДЬЯК ПОНОМАР ЗВОНАР ЦАР КНЯЗ \
        БОЯР КУП КАЗАК СОЛДАТ СТРЕЛЬЦ ПУШКАР БАРАБАН ТРУБ ДУДК ГУСЛЯР БУЛГАК ЗАХАР ЛОГИН ЛУКЬЯН \
        ЛАРИОН ФЕДОС САВ ЕРОХ ФОМ МИТ ПРОН КУЗ ГРИШ МИШ ПЕТР ВАСЬК ГУБ БОБР ЕЖ ЛИС СОБОЛ КУНИЦ \
        ХОРЬК БАРСУК ОЛЕН ВЕПР БУЛАТ ЧАЙК СОВ ФИЛИН СТРИЖ СИНИЦ ЩЕГЛ СНЕГИР КЛЕСТ ДЯТЛ ГОЛОВАН \
        ЖДАН НЕЧАЙ МАЛЮТ"),
    (Origin::Russian, "adj", "БЕЛО ЧЕРНО КРАСНО КРИВО ДОЛГО КОРОТКО ТОЛСТО ЛЫСО ЗЛАТО ВЕЛИКО МАЛО \
        СТАРО НОВО ТВЕРДО ДОБРО СИНЕ ЖЕЛТО РЫЖЕ ВЫСОКО ШИРОКО"),
    (Origin::Russian, "noun", "УС ГЛАЗ НОС ГОЛОВ БОРОД РУК НОГ ЗУБ ЛОБ БРЮХ ГОР ДВОР ГРАД КОН ВОЛ"),
    (Origin::Russian, "onset", "Б В Г Д З К Л М Н П Р С Т Ф Х Ч Ш БР ГР ДР КР ПР ТР ВЛ ГЛ КЛ ПЛ СЛ \
        СМ СТ СК ЗВ"),
    (Origin::Russian, "vowel", "А О У Е И А О"),
    (Origin::Russian, "coda", "Н Р Л К Т С Д В Ш Ч Б Г З М Х"),
    (Origin::Russian, "inner", "Б В Г Д З К Л М Н П Р С Т Ф Х Ч Ш"),
    (Origin::Russian, "sonorant", "Н Р Л М"),
    // Roots of names in use (Ḥ-M-D gives AḤMaD, ḤaMĪD, ḤĀMiD, MaḤMŪD).
    (Origin::Arabic, "root", "Ḥ.M.D K.R.M S.`.D R.Š.D Ḫ.L.D Ṭ.R.Q Ḥ.S.N J.M.L K.M.L N.Ṣ.R S.L.M \
        `.Z.Z `.D.L F.Ḍ.L Ṣ.B.R Š.K.R Ḥ.K.M `.L.M N.B.L F.R.Ḥ W.L.D M.J.D Ḥ.B.B R.Ḥ.M Ḥ.L.M L.Ṭ.F \
        Ḫ.Ṭ.B Ḥ.M.Z Z.H.R N.`.M B.S.M Ṣ.L.Ḥ F.T.Ḥ Ḥ.F.Ẓ Q.S.M B.D.R Š.R.F Š.H.B S.H.L F.H.D N.J.M \
        Q.D.R `.M.R Y.S.R Ṭ.H.R Ṭ.Y.B Z.Y.D Z.K.R Ḥ.Ṣ.N Ṣ.D.Q `.Ṣ.M Ḫ.L.L Ḥ.Š.M Ḥ.Z.M J.S.M B.Š.R \
        N.W.R Ġ.L.B Ġ.N.M Q.T.B K.T.B Ṯ.M.R Ṯ.B.T J.B.R J.H.D J.W.D Ḥ.D.D Ḥ.R.B Ḥ.S.B Ḥ.Q.Q Ḫ.Ḍ.R \
        Ḫ.Y.R R.B.Ḥ R.F.Q R.F.` S.B.Ḥ S.R.J S.F.R S.K.N S.M.Ḥ Š.M.S Ṣ.Q.R `.B.S `.T.Q `.D.N `.R.F \
        `.Z.M `.F.F F.Ṣ.L F.Q.H F.K.R Q.B.L Q.D.S Q.S.D K.B.R K.Ṯ.R M.L.K N.B.H H.Š.M W.F.Q W.H.B \
        W.J.H N.Ḏ.R Ḥ.M.L Ḥ.R.S `.Q.L `.M.D R.Š.Q B.H.J B.L.Ġ Ḥ.J.J Ḫ.T.M D.H.M R.Z.Q S.N.D \
        Š.F.Q Ṣ.F.W T.M.M J.L.L N.F.` Ḥ.Ḍ.R Ḥ.L.B M.N.` Q.H.R K.F.L"),
    (Origin::Arabic, "divine", "RaḤMĀN RaḤĪM MaLiK QuDDŪS SaLĀM `AZĪZ JaBBĀR KaRĪM MaJĪD ḤaMĪD LaṬĪF \
        ḤaKĪM ḤaLĪM ḪĀLiQ RaZZĀQ FaTTĀḤ `ALĪM BĀSiṬ WaHHĀB SaMĪ` BaSĪR ĠaFFĀR QĀDiR MuḤSiN NĀSiR \
        WĀḤiD SaMaD BĀQĪ ḤaQQ ŠaKŪR"),
    (Origin::Arabic, "din", "NŪR SaLĀḤ JaMĀL `ALĀ' ŠaMS BaDR ḤuSĀM NaṢR TaQĪ KaMĀL ŠaRaF `IZZ FaḪR"),
    (Origin::Arabic, "place", "BaĠDĀD BaSRa MaWSiL ḤaLaB DiMaŠQ ḤiMS ḤaMĀ IDLiB RaQQa TiKRĪT FaLLŪJa \
        KaRBaLĀ NaJaF KŪFa `AMMĀN ZaRQĀ IRBiD QĀHiRa ṢaN`Ā `ADaN BaNĠĀZĪ ṬaRĀBuLuS MiṢRĀTa TŪNiS \
        JaZĀ'iR WaHRĀN RiBĀṬ FĀS ḪaRṬŪM JiDDa RiYĀḌ MaKKa MaDĪNa DaWḤa KuWaYT ŠĀRiQa NaJD ḤiJĀZ \
        ḤaḌRaMaWT YaMĀMa ŠaMMaR"),
    (Origin::Persian, "pre", "MEHR ŠĀH BĀ FAR KĀM ĀZĀD ARD BEH DĀD HŪŠ JAHĀN KeY MAH NĀM PAR ROŠAN SĀM \
        ŠĪR TAHM YAZ ZAR BARZ SĪĀV ḪoŠ AFŠ NAV ĀR BAH DĀR ḪOR JAM KŪH ŠAH VAḤ"),
    (Origin::Persian, "male", "DĀD YĀR BOD ZĀD NĀM BAḪŠ YĀN MEHR ŠĀD RŪZ NĪĀ RĀD VAND ŠĪR ĀRĀ MAN ĀN \
        BAD DĪN RĀM"),
    (Origin::Persian, "fpre", "MAH GoL NĀZ ŠĪR PARĪ ROŠAN ĀZĀR SĪM YAS FARĪ MĪ NĪ NŪŠ MEHR DĪBĀ SAḤAR \
        ĀYE BĀR DĀ HĀ LĀ TĀ"),
    (Origin::Persian, "female", "NĀZ DOḪT ĀRĀ BĀNŪ NŪŠ SĀ ROḪ ŠĀD Ī PARĪ GoL VAŠ NĀ"),
    (Origin::Persian, "suffix", "Ī ZĀDẖ PŪR NEJĀD FAR ĀBĀDĪ YĀN VAND ḪĀNĪ DŪST MANEŠ RĀD NĪĀ BAḪŠ"),
    (Origin::Persian, "noun", "GOL ĀHAN ZARGAR BĀĠ KŪH DARYĀ ĀTAŠ SETĀR MĀH ḪORŠĪD ŠĪR BAHĀR NŪR \
        ĀSEMĀN ZAMĪN SANG ĀB ČAŠMẖ RŪD DAŠT KĀR DĀNEŠ HONAR ŠAHR DEH ĀZAR ARJ PĀK RĀST NĪK BĀRĀN"),
    (Origin::Persian, "place", "TEHRĀN ŠĪRĀZ EṢFAHĀN TABRĪZ MAŠHAD KĀŠĀN YAZD KERMĀN QAZVĪN ZANJĀN \
        ARDABĪL RAŠT GORGĀN HAMADĀN ḪORĀSĀN GĪLĀN MĀZANDARĀN LORESTĀN BŪŠEHR ŠĀHRŪD SABZEVĀR \
        NEYŠĀBŪR QOM SEMNĀN ĀMOL BĀBOL SĀRĪ KĀZERŪN JAHROM ḪŪY MARĀĠẖ URMĪẖ SANANDAJ"),
    (Origin::European, "pre", "ADAL BERN EBER FRIED GER GOTT HART HEIN HELM LUD OS REIN ROD SIEG WAL \
        WIL WOLF ALF DIET ENGEL ERN HER KUN MEIN OT RAD RUD WIN AL BALD EGIL GUNT HUG LAM MAR NORD \
        SIG TRUT"),
    (Origin::European, "male", "BERT HARD MAR MUND OLF RICH WIN FRIED HELM BALD WALD GER RAD BRAND"),
    (Origin::European, "female", "HILD TRUD GARD LIND BURG RUN HEID GUND WIG"),
    (Origin::European, "de1", "ROSEN GOLD SILBER EISEN STEIN BERG WALD FELD LIND BIRK EICH BUCH TANN \
        WEISS SCHWARZ ROT GRÜN BLAU KLEIN GROSS NEU ALT HOCH LANG KURZ FRIED LIEB SCHÖN WIES BACH \
        HAGEN MÜHL KIRCH HOLZ STAHL KUPFER SONNEN MOND STERN WINTER SOMMER"),
    (Origin::European, "de2", "MANN BERG STEIN FELD THAL BACH HOFF HAUSEN BURG DORF WALD BAUM BLATT \
        HEIM HUBER MEIER SCHMIDT ER INGER LER NER BRUNNER MÜLLER"),
    (Origin::European, "en1", "ASH BLACK BRAD CHAR CRAN DAR FAIR GREEN HAR KING LANG MID NORTH OAK RED \
        SOUTH STAN WEST WHIT WIN BUR CALD HAY MOR PEN RAD SHEL THORN WOOL ALD BAR BRIGHT COLD EAST \
        FAR HOL KNIGHT LIN MARS NEW PEM ROS SAL TRENT WAL"),
    (Origin::European, "en2", "TON LEY FORD FIELD WOOD WORTH HAM BY STONE BROOK WELL DALE HURST MORE \
        COTT BURY"),
    (Origin::European, "it1", "BAR BEN BER CAL CAN CAR CAS COL CON COR DAL DEL FAL FAR FER GAL GAR GEN \
        GRA LAN LOM LUC MAN MAR MAS MON MOR NAR PAL PAN PAR PES PIC POR RAN ROS SAL SAN SER TAR TOR \
        VAL VEN VER ZAN BOR FOR ALB ANG BAL BRU CAP CER FIL FRAN GIL GUAR LOR MAL MEN NOV ORS PAG \
        RIC SCAR TRE VIT"),
    (Origin::European, "it2", "TOL RON LEN DON NAC BIN COL GIN MAR RIN TEN VIS SAL LUC BER DIN FAN GAN \
        LAN MOT PAR ROS SET TAN VEL ZON BAR CAN DEL GAR LIN MAN NEL PIN RAN SAN TIN"),
    (Origin::European, "it3", "INI ELLI ETTI UCCI ONE ANO ATO ESE IERI ACCI OTTI ARI"),
    (Origin::European, "fr1", "BER BOU CHA CHE DU FOU GAR GIR LAM LEB MAR MOR PAR PER RIV ROU SAU TIS \
        VAS VER BLAN COR DES FAU GUI"),
    (Origin::European, "fr2", "EAU ET OT IER AND IN ARD ON ANT ERT ILLE ELLE OUX"),
    (Origin::European, "es1", "AL BA CA DO FE GA LO MA NA PE RA SO TO VE CAL CAS MOR VAL BE CO ES \
        GUI LA ME MI NO PA RI SA TE VI"),
    (Origin::European, "es2", "EZ ADO EDA ERO ILLA ARES EDO ANO ENA"),
    (Origin::European, "nl", "BERG DIJK BROEK HOVEN VELDE BEEK DAM HOUT LEEUWEN MEER WAL STRAATEN \
        HEUVEL ZANDT BOSCH"),
    (Origin::CentralAsian, "pre", "NUR ER AZ BAX DIL SHER ALI TEMIR QAR BOL OL QAYR SHAX ULUĞ OT SAN FAR \
        XUR KAMOL IKROM JAN ASQ ZAF SAID ABDU ISLOM ORZU ANV RAV MUXT ZAR AL BAQ DAV ESH MIR QUT \
        SAR TOL UMAR YOQ"),
    (Origin::CentralAsian, "male", "BEK JON SULTAN LAN BOL BAY XON MUROD ALI ZOD BOY TOY DOR MAT AN \
        BERDI GUL QUL TAY ZHAN"),
    (Origin::CentralAsian, "fpre", "GÜL DIL NIL MAL ZAR SEV AY SHAX MEH UMID FERU NARG MAD ZUL AQ BAL \
        DAR GAU KÜN NAZ OY SAY"),
    (Origin::CentralAsian, "female", "NOZA OY JAN BIBI XON NISO GÜL NUR ARA IDA SULU MIRA ZHAN AY"),
    (Origin::Georgian, "onset", "B G D V Z T K L M N P R S Q SH CH KH J TS DZ GH TK MK MTS KV GV TSK"),
    (Origin::Georgian, "vowel", "A E I O U A I"),
    (Origin::Armenian, "onset", "A B G D Z T K L M N P R S V H KH GH TS CH SH ZH J"),
    (Origin::Armenian, "vowel", "A E I O U A"),
    (Origin::Armenian, "coda", "R N K T S G P M L D"),
];

/// An origin's building blocks, split once.
pub(super) struct Grammar {
    origin: Origin,
    lists: HashMap<&'static str, Vec<&'static str>>,
}

fn weighted<'a>(rng: &mut Rng, xs: &[(&'a str, u32)]) -> &'a str {
    rng.weighted::<&str>(xs)
}

/// The Azerbaijani suffix -LI in the vowel of the stem's last syllable:
/// MƏMMƏDLİ, QARALI, ORUCLU, KÖNÜLLÜ.
pub(super) fn li(stem: &str) -> &'static str {
    match stem.chars().rev().find(|c| "AEIOUƏİÖÜ".contains(*c)) {
        Some('A' | 'I') => "LI",
        Some('O' | 'U') => "LU",
        Some('Ö' | 'Ü') => "LÜ",
        _ => "Lİ",
    }
}

fn ends_with_vowel(s: &str) -> bool {
    s.chars()
        .last()
        .is_some_and(|c| "AEIOUƏİÖÜĀĪŪaeiouАЕЁИОУЫЭЮЯ".contains(c))
}

impl Grammar {
    pub(super) fn new(origin: Origin) -> Self {
        let lists = PARTS
            .iter()
            .filter(|(o, _, _)| *o == origin)
            .map(|(_, name, words)| (*name, words.split_whitespace().collect()))
            .collect();
        Grammar { origin, lists }
    }

    fn any(&self, rng: &mut Rng, list: &str) -> &'static str {
        self.lists.get(list).map_or("", |l| {
            if l.is_empty() {
                ""
            } else {
                l[rng.below(l.len())]
            }
        })
    }

    /// A given name; `None` where an origin's given names are its real ones
    /// only (Georgian, Armenian).
    pub(super) fn given(&self, female: bool, rng: &mut Rng) -> Option<String> {
        match self.origin {
            Origin::Arabic => return Some(self.arabic_given(female, rng)),
            Origin::Georgian | Origin::Armenian => return None,
            _ => {}
        }
        let own_start = female && self.lists.contains_key("fpre");
        let pre = self.any(rng, if own_start { "fpre" } else { "pre" });
        // Many Azerbaijani women's names are men's with -Ə: FƏRİD, FƏRİDƏ.
        if self.origin == Origin::Azerbaijani && female && rng.chance(0.35) {
            return Some(format!("{pre}{}Ə", self.any(rng, "male")));
        }
        let suf = self.any(rng, if female { "female" } else { "male" });
        // Germanic women's names end in -E as often as not: HEIDRUN, BRUNHILDE.
        let e = if self.origin == Origin::European && female && rng.chance(0.5) {
            "E"
        } else {
            ""
        };
        Some(format!("{pre}{suf}{e}"))
    }

    /// The three consonants of a root in use.
    fn root(&self, rng: &mut Rng) -> [&'static str; 3] {
        let mut c = self.any(rng, "root").split('.');
        let mut next = || c.next().unwrap_or("B");
        [next(), next(), next()]
    }

    fn arabic_given(&self, female: bool, rng: &mut Rng) -> String {
        if !female && rng.chance(0.12) {
            return format!("`ABD AL-{}", self.any(rng, "divine"));
        }
        if !female && rng.chance(0.05) {
            return format!("{} AL-DĪN", self.any(rng, "din"));
        }
        let [a, b, c] = self.root(rng);
        let pattern = if female {
            weighted(
                rng,
                &[("1a2Ī3ẗ", 4), ("1Ā2i3ẗ", 3), ("1a2Ā3ẗ", 2), ("Ma12Ū3ẗ", 1)],
            )
        } else {
            weighted(
                rng,
                &[
                    ("1a2Ī3", 4),
                    ("1Ā2i3", 4),
                    ("Ma12Ū3", 2),
                    ("a12a3", 2),
                    ("1a22Ā3", 1),
                    ("Mu1a22a3", 1),
                    ("Mu12i3", 1),
                ],
            )
        };
        let mut out = String::new();
        for ch in pattern.chars() {
            match ch {
                '1' => out.push_str(a),
                '2' => out.push_str(b),
                '3' => out.push_str(c),
                _ => out.push(ch),
            }
        }
        out
    }

    /// A (masculine) surname. `givens` are the origin's male given names,
    /// from which several traditions make family names.
    pub(super) fn surname(&self, rng: &mut Rng, givens: &[String]) -> String {
        let given = |rng: &mut Rng| givens[rng.below(givens.len())].clone();
        match self.origin {
            Origin::Azerbaijani => {
                let stem = given(rng);
                let kind = weighted(
                    rng,
                    &[
                        ("ov", 70),
                        ("li", 15),
                        ("zade", 9),
                        ("bayli", 3),
                        ("oglu", 3),
                    ],
                );
                match kind {
                    "ov" if ends_with_vowel(&stem) => format!("{stem}YEV"),
                    "ov" => format!("{stem}OV"),
                    "li" => format!("{stem}{}", li(&stem)),
                    "zade" => format!("{stem}ZADƏ"),
                    "bayli" => format!("{stem}BƏYLİ"),
                    _ => format!("{stem}OĞLU"),
                }
            }
            Origin::Turkish => {
                let a = self.any(rng, "first");
                let mut b = self.any(rng, "second");
                while b == a {
                    b = self.any(rng, "second");
                }
                format!("{a}{b}")
            }
            Origin::Russian => self.russian_surname(rng, givens),
            Origin::Arabic => self.arabic_surname(rng, givens),
            Origin::Persian => {
                // Long made given names would give surnames of three words in one.
                let short = |rng: &mut Rng| {
                    let g = given(rng);
                    if g.chars().count() <= 6 {
                        g
                    } else {
                        self.any(rng, "noun").to_string()
                    }
                };
                let stem = match weighted(rng, &[("place", 15), ("noun", 15), ("given", 70)]) {
                    "place" => self.any(rng, "place").to_string(),
                    "noun" => self.any(rng, "noun").to_string(),
                    _ => short(rng),
                };
                if stem.contains(' ') || stem.ends_with('ẖ') {
                    return format!("{}Ī", self.any(rng, "place"));
                }
                let suffix = self.any(rng, "suffix");
                if suffix == "Ī" && ends_with_vowel(&stem) {
                    format!("{stem}'Ī")
                } else {
                    format!("{stem}{suffix}")
                }
            }
            Origin::European => self.european_surname(rng, givens),
            Origin::CentralAsian => {
                let stem = given(rng);
                match weighted(rng, &[("ov", 75), ("uly", 8), ("zoda", 10), ("bay", 7)]) {
                    "ov" if ends_with_vowel(&stem) => format!("{stem}YEV"),
                    "ov" => format!("{stem}OV"),
                    "uly" => format!("{stem}ULY"),
                    "zoda" => format!("{stem}ZODA"),
                    _ => format!("{stem}BAYEV"),
                }
            }
            Origin::Georgian => {
                let n = 1 + rng.below(3);
                let mut stem = String::new();
                for _ in 0..n {
                    stem.push_str(self.any(rng, "onset"));
                    stem.push_str(self.any(rng, "vowel"));
                }
                let suffix = weighted(
                    rng,
                    &[
                        ("SHVILI", 35),
                        ("DZE", 30),
                        ("ADZE", 5),
                        ("IA", 10),
                        ("AVA", 5),
                        ("ANI", 5),
                        ("ELI", 5),
                        ("ULI", 3),
                        ("UA", 2),
                    ],
                );
                // A stem's last vowel gives way to a suffix that starts with one.
                if suffix.starts_with(['A', 'E', 'I', 'U']) {
                    stem.pop();
                }
                format!("{stem}{suffix}")
            }
            Origin::Armenian => {
                let stem = if rng.chance(0.35) {
                    given(rng)
                } else {
                    let mut s = String::new();
                    for _ in 0..1 + rng.below(2) {
                        s.push_str(self.any(rng, "onset"));
                        s.push_str(self.any(rng, "vowel"));
                    }
                    s.push_str(self.any(rng, "coda"));
                    s
                };
                let name = format!("{stem}YAN");
                if rng.chance(0.03) {
                    format!("TER-{name}")
                } else {
                    name
                }
            }
        }
    }

    fn russian_surname(&self, rng: &mut Rng, givens: &[String]) -> String {
        let stem = match weighted(
            rng,
            &[
                ("root", 40),
                ("compound", 8),
                ("given", 7),
                ("syllables", 45),
            ],
        ) {
            "root" => self.any(rng, "root").to_string(),
            "compound" => {
                let stem = format!("{}{}", self.any(rng, "adj"), self.any(rng, "noun"));
                return format!("{stem}ОВ");
            }
            "given" => {
                let g = &givens[rng.below(givens.len())];
                g.trim_end_matches(['Й', 'Ь', 'А', 'Я']).to_string()
            }
            _ => {
                let mut s = String::new();
                s.push_str(self.any(rng, "onset"));
                s.push_str(self.any(rng, "vowel"));
                if rng.chance(0.3) {
                    s.push_str(self.any(rng, "sonorant"));
                }
                s.push_str(self.any(rng, "inner"));
                s.push_str(self.any(rng, "vowel"));
                s.push_str(self.any(rng, "coda"));
                s
            }
        };
        let hushing = stem.ends_with(['Ж', 'Ш', 'Ч', 'Щ', 'Ц']);
        let soft = stem.ends_with('Ь');
        let base = stem.trim_end_matches('Ь');
        match weighted(
            rng,
            &[
                ("ov", 55),
                ("in", 15),
                ("skiy", 7),
                ("enko", 8),
                ("uk", 5),
                ("chuk", 2),
                ("ovich", 3),
                ("ykh", 2),
                ("ak", 3),
            ],
        ) {
            "ov" if hushing || soft => format!("{base}ЕВ"),
            "ov" => format!("{stem}ОВ"),
            "in" => format!("{base}ИН"),
            "skiy" if base.ends_with(['С', 'К', 'Ц', 'Ч', 'Ш', 'Щ']) => {
                format!("{base}ОВСКИЙ")
            }
            "skiy" => format!("{base}СКИЙ"),
            "enko" => format!("{base}ЕНКО"),
            "uk" if soft => format!("{base}ЮК"),
            "uk" => format!("{base}УК"),
            "chuk" => format!("{base}ЧУК"),
            "ovich" if hushing || soft => format!("{base}ЕВИЧ"),
            "ovich" => format!("{base}ОВИЧ"),
            "ykh" if base.ends_with(['К', 'Г', 'Х', 'Ж', 'Ш', 'Ч', 'Щ']) => {
                format!("{base}ИХ")
            }
            "ykh" => format!("{base}ЫХ"),
            _ => format!("{base}АК"),
        }
    }

    fn arabic_surname(&self, rng: &mut Rng, givens: &[String]) -> String {
        match weighted(
            rng,
            &[
                ("nisba", 35),
                ("place", 10),
                ("trade", 15),
                ("clan", 10),
                ("given", 20),
                ("abu", 5),
                ("bare", 5),
            ],
        ) {
            "nisba" => {
                let g = if rng.chance(0.5) {
                    givens[rng.below(givens.len())].clone()
                } else {
                    self.arabic_given(false, rng)
                };
                if g.contains(' ') || ends_with_vowel(&g) || g.ends_with('`') {
                    return g;
                }
                format!("AL-{g}Ī")
            }
            "clan" => {
                // The diminutive of a clan's forefather: ZuBaYR, `uBaYD.
                let [a, b, c] = self.root(rng);
                if rng.chance(0.5) {
                    format!("AL-{a}u{b}aY{c}Ī")
                } else {
                    format!("{a}u{b}aY{c}")
                }
            }
            "place" => {
                let p = self.any(rng, "place");
                let stem = p.trim_end_matches(['a', 'Ā', 'ẗ']).trim_end_matches('\'');
                let stem = stem.strip_suffix('Ī').unwrap_or(stem);
                format!("AL-{stem}Ī")
            }
            "trade" => {
                let [a, b, c] = self.root(rng);
                let name = format!("{a}a{b}{b}Ā{c}");
                if rng.chance(0.4) {
                    format!("AL-{name}")
                } else {
                    name
                }
            }
            "given" => givens[rng.below(givens.len())].clone(),
            "abu" => {
                let g = &givens[rng.below(givens.len())];
                format!("ABŪ {g}")
            }
            _ => self.arabic_given(false, rng),
        }
    }

    fn european_surname(&self, rng: &mut Rng, givens: &[String]) -> String {
        match weighted(
            rng,
            &[
                ("de", 25),
                ("en", 20),
                ("son", 5),
                ("it", 20),
                ("fr", 12),
                ("es", 10),
                ("nl", 5),
                ("pt", 3),
            ],
        ) {
            "de" => format!("{}{}", self.any(rng, "de1"), self.any(rng, "de2")),
            "en" => format!("{}{}", self.any(rng, "en1"), self.any(rng, "en2")),
            "son" => {
                let g = givens[rng.below(givens.len())].trim_end_matches('S');
                if g.is_ascii() {
                    format!("{g}SON")
                } else {
                    format!("{}{}", self.any(rng, "en1"), self.any(rng, "en2"))
                }
            }
            "it" => {
                let mid = if rng.chance(0.6) {
                    self.any(rng, "it2")
                } else {
                    ""
                };
                format!("{}{mid}{}", self.any(rng, "it1"), self.any(rng, "it3"))
            }
            "fr" => {
                let name = format!("{}{}", self.any(rng, "fr1"), self.any(rng, "fr2"));
                if rng.chance(0.15) {
                    format!("LE {name}")
                } else {
                    name
                }
            }
            "es" => format!(
                "{}{}{}",
                self.any(rng, "es1"),
                self.any(rng, "es1"),
                self.any(rng, "es2")
            ),
            "nl" => {
                let article = *rng.pick(&["VAN ", "VAN DER ", "VAN DEN ", "VAN DE ", "DE "]);
                format!("{article}{}", self.any(rng, "nl"))
            }
            _ => format!(
                "{}{}",
                self.any(rng, "es1"),
                rng.pick(&["EIRA", "INHO", "ES", "ADO"])
            ),
        }
    }
}

/// The feminine form of a family name where the origin inflects it:
/// ИВАНОВ → ИВАНОВА, НОВИЦКИЙ → НОВИЦКАЯ, ƏLİYEV → ƏLİYEVA.
pub(super) fn feminine(origin: Origin, surname: &str) -> String {
    match origin {
        Origin::Russian => {
            for (m, f) in [
                ("СКИЙ", "СКАЯ"),
                ("ЦКИЙ", "ЦКАЯ"),
                ("ОЙ", "АЯ"),
                ("ЫЙ", "АЯ"),
            ] {
                if let Some(stem) = surname.strip_suffix(m) {
                    return format!("{stem}{f}");
                }
            }
            if ["ОВ", "ЕВ", "ЁВ", "ИН", "ЫН"]
                .iter()
                .any(|s| surname.ends_with(s))
            {
                format!("{surname}А")
            } else {
                surname.to_string()
            }
        }
        Origin::Azerbaijani | Origin::CentralAsian
            if surname.ends_with("OV") || surname.ends_with("EV") =>
        {
            format!("{surname}A")
        }
        _ => surname.to_string(),
    }
}

/// A Russian patronymic from the father's name: ИВАН → ИВАНОВИЧ / ИВАНОВНА,
/// СЕРГЕЙ → СЕРГЕЕВИЧ, ЮРИЙ → ЮРЬЕВИЧ, ИГОРЬ → ИГОРЕВИЧ, НИКИТА → НИКИТИЧ.
pub(super) fn russian_patronymic(father: &str, female: bool) -> String {
    let (m, f) = ("ОВИЧ", "ОВНА");
    let (em, ef) = ("ЕВИЧ", "ЕВНА");
    let pick = |a: &'static str, b: &'static str| if female { b } else { a };
    let irregular = [("ПАВЕЛ", "ПАВЛ"), ("ЛЕВ", "ЛЬВ"), ("ПЁТР", "ПЕТР")];
    if let Some((_, stem)) = irregular.iter().find(|(n, _)| *n == father) {
        return format!("{stem}{}", pick(m, f));
    }
    if let Some(stem) = father.strip_suffix("ИЙ") {
        let hard = stem.ends_with(['Г', 'К', 'Х'])
            || {
                let mut cs = stem.chars().rev();
                let last = cs.next();
                let before = cs.next();
                matches!((before, last), (Some(b), Some(l)) if !"АЕЁИОУЫЭЮЯ".contains(b) && !"АЕЁИОУЫЭЮЯ".contains(l))
            };
        let link = if hard { "И" } else { "Ь" };
        return format!("{stem}{link}{}", pick(em, ef));
    }
    if let Some(stem) = father.strip_suffix('Й') {
        return format!("{stem}{}", pick(em, ef));
    }
    if let Some(stem) = father.strip_suffix('Ь') {
        return format!("{stem}{}", pick(em, ef));
    }
    if let Some(stem) = father.strip_suffix(['А', 'Я']) {
        return format!("{stem}{}", pick("ИЧ", "ИЧНА"));
    }
    if father.ends_with(['Ж', 'Ш', 'Ч', 'Щ', 'Ц']) {
        return format!("{father}{}", pick(em, ef));
    }
    format!("{father}{}", pick(m, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patronymics() {
        assert_eq!(russian_patronymic("ИВАН", false), "ИВАНОВИЧ");
        assert_eq!(russian_patronymic("ИВАН", true), "ИВАНОВНА");
        assert_eq!(russian_patronymic("СЕРГЕЙ", false), "СЕРГЕЕВИЧ");
        assert_eq!(russian_patronymic("ЮРИЙ", false), "ЮРЬЕВИЧ");
        assert_eq!(russian_patronymic("ДМИТРИЙ", true), "ДМИТРИЕВНА");
        assert_eq!(russian_patronymic("ГЕОРГИЙ", false), "ГЕОРГИЕВИЧ");
        assert_eq!(russian_patronymic("ИГОРЬ", false), "ИГОРЕВИЧ");
        assert_eq!(russian_patronymic("НИКИТА", false), "НИКИТИЧ");
        assert_eq!(russian_patronymic("ПАВЕЛ", true), "ПАВЛОВНА");
    }

    #[test]
    fn feminine_forms() {
        assert_eq!(feminine(Origin::Russian, "ИВАНОВ"), "ИВАНОВА");
        assert_eq!(feminine(Origin::Russian, "НОВИЦКИЙ"), "НОВИЦКАЯ");
        assert_eq!(feminine(Origin::Russian, "ШЕВЧЕНКО"), "ШЕВЧЕНКО");
        assert_eq!(feminine(Origin::Azerbaijani, "ƏLİYEV"), "ƏLİYEVA");
        assert_eq!(feminine(Origin::Azerbaijani, "ƏLİZADƏ"), "ƏLİZADƏ");
        assert_eq!(feminine(Origin::Georgian, "BERIDZE"), "BERIDZE");
    }
}
