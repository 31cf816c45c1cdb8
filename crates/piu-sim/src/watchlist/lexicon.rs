//! Real names, most common first, in each origin's canonical form (see
//! `spelling`). They take the top ranks of the vocabulary, so a generated
//! list has the names that really crowd lists — MƏMMƏDOV, IVANOV, MUHAMMAD —
//! as often as the long tail of rarer ones lets them.
//!
//! Words are separated by blanks; `_` joins the words of one name
//! (`VAN_DEN_BERG`, `` `ABD_AL-RaḤMĀN ``).

use super::origin::Origin;

pub(super) struct Seeds {
    pub male: &'static str,
    pub female: &'static str,
    /// Masculine forms where surnames are gendered.
    pub surnames: &'static str,
}

pub(super) fn seeds(origin: Origin) -> Seeds {
    match origin {
        Origin::Azerbaijani => Seeds {
            male: AZ_MALE,
            female: AZ_FEMALE,
            surnames: AZ_SURNAMES,
        },
        Origin::Turkish => Seeds {
            male: TR_MALE,
            female: TR_FEMALE,
            surnames: TR_SURNAMES,
        },
        Origin::Russian => Seeds {
            male: RU_MALE,
            female: RU_FEMALE,
            surnames: RU_SURNAMES,
        },
        Origin::Arabic => Seeds {
            male: AR_MALE,
            female: AR_FEMALE,
            surnames: AR_SURNAMES,
        },
        Origin::Persian => Seeds {
            male: FA_MALE,
            female: FA_FEMALE,
            surnames: FA_SURNAMES,
        },
        Origin::European => Seeds {
            male: EU_MALE,
            female: EU_FEMALE,
            surnames: EU_SURNAMES,
        },
        Origin::CentralAsian => Seeds {
            male: CA_MALE,
            female: CA_FEMALE,
            surnames: CA_SURNAMES,
        },
        Origin::Georgian => Seeds {
            male: KA_MALE,
            female: KA_FEMALE,
            surnames: KA_SURNAMES,
        },
        Origin::Armenian => Seeds {
            male: HY_MALE,
            female: HY_FEMALE,
            surnames: HY_SURNAMES,
        },
    }
}

const AZ_MALE: &str = "MƏMMƏD ƏLİ HÜSEYN HƏSƏN RƏŞAD ELÇİN TURAL ORXAN ELVİN KAMRAN RAMİN ANAR \
ELNUR VÜQAR RAUF FƏRİD NİCAT CEYHUN MURAD EMİN SƏBUHİ RÜSTƏM İLHAM VAQİF TOFİQ AYXAN TƏRLAN \
ZAUR SAMİR ELŞƏN ŞAHİN ƏLƏKBƏR ƏHMƏD İBRAHİM İSMAYIL CƏFƏR BAĞIR SƏFƏR NƏSİR KƏRİM VƏLİ ORUC \
MUSTAFA SÜLEYMAN QASIM NAĞI RƏHİM ŞÜKÜR MƏHƏRRƏM ZEYNAL CƏLİL ƏSGƏR NOVRUZ XƏLİL SADIQ TAĞI \
HÜMBƏT BAYRAM MUSA ŞİRİN ELDAR ELMAR ELXAN FUAD İLQAR MİRZƏ NATİQ NAMİQ ŞAMİL TEYMUR YUSİF \
ZAHİD ARİF AZƏR BƏXTİYAR CAVİD FAİQ HİKMƏT KƏNAN MAHİR NURLAN OQTAY POLAD RAMİZ SEYMUR \
ŞƏHRİYAR ÜLVİ VÜSAL YAQUB ZAMİN ABBAS RZA QURBAN SALAH İSGƏNDƏR ƏZİZ SULTAN HƏMİD İMAN ƏSƏD \
CAVAD NURİ ŞAHBAZ AQİL AYDIN BAHADUR ÇİNGİZ ELMİN ETİBAR FİZULİ HAFİZ İLKİN KƏMALƏDDİN \
MAQSUD NİHAT NİZAMİ RAFİQ RASİM SƏMƏD TAHİR ÜMİD VİDADİ YAŞAR ZİYA";

const AZ_FEMALE: &str = "AYNUR LEYLA GÜNAY NİGAR SƏBİNƏ AYSEL NƏRMİN KÖNÜL ÜLVİYYƏ XƏDİCƏ ZƏHRA \
FİDAN LALƏ SEVİNC AYGÜN GÜLNAR ŞƏBNƏM JALƏ TÜRKAN AYTƏN RƏNA İRADƏ AFƏT BƏNÖVŞƏ GÜLNARƏ ELMİRA \
FƏRİDƏ GÜLŞƏN İLAHƏ KƏMALƏ MƏLAHƏT NATƏVAN NAZİLƏ PƏRVİN SAMİRƏ SEVDA ŞAHNAZ TƏRANƏ ÜLKƏR \
VÜSALƏ YEGANƏ ZÜLFİYYƏ AYŞƏN NURLANƏ GÜLTƏKİN MEHRİBAN ZÜMRÜD SÜRƏYYA ESMİRA AYTAC GÜLARƏ \
LAMİYƏ NƏZAKƏT RÖYA SƏADƏT TAMİLLA ÜLVİYYƏ VƏFA XURAMAN ZÜLEYXA";

const AZ_SURNAMES: &str = "MƏMMƏDOV ƏLİYEV HƏSƏNOV HÜSEYNOV QULİYEV İSMAYILOV ABBASOV CƏFƏROV \
RZAYEV BAĞIROV SƏFƏROV NƏSİROV KƏRİMOV VƏLİYEV ORUCOV BABAYEV MUSTAFAYEV SÜLEYMANOV HACIYEV \
ƏHMƏDOV QASIMOV PAŞAYEV NAĞIYEV RƏHİMOV ŞÜKÜROV MƏHƏRRƏMOV ZEYNALOV CƏLİLOV ƏSGƏROV NOVRUZOV \
ALLAHVERDİYEV ƏLƏKBƏROV İBRAHİMOV XƏLİLOV SADIQOV TAĞIYEV HÜMBƏTOV BAYRAMOV AXUNDOV MUSAYEV \
QARAYEV ŞİRİNOV MƏMMƏDLİ ƏLİZADƏ HÜSEYNZADƏ QULUZADƏ ƏSƏDOV YUSİFOV MİRZƏYEV ŞAHBAZOV QURBANOV \
SALAHOV İSGƏNDƏROV ABDULLAYEV NURİYEV ƏZİZOV SULTANOV HƏMİDOV CAVADOV İMANOV ƏSƏDLİ CƏFƏRLİ \
HƏSƏNLİ";

const TR_MALE: &str = "MEHMET MUSTAFA AHMET ALİ HÜSEYİN HASAN İBRAHİM İSMAİL OSMAN YUSUF MURAT \
ÖMER RAMAZAN HALİL SÜLEYMAN ABDULLAH MAHMUT SALİH RECEP KEMAL EMRE BURAK OĞUZ CAN SERKAN ENGİN \
ERKAN HAKAN VOLKAN BÜLENT CEM FATİH GÖKHAN KADİR LEVENT METİN NECATİ ORHAN SELİM TUNCAY UĞUR \
YAVUZ ZAFER ARDA BARIŞ CENK DENİZ EGE EMİR ENES ERDEM FURKAN HAMZA KAAN KORAY ONUR SİNAN TOLGA \
UMUT YUNUS YİĞİT SERDAR TARIK ERCAN TANER ŞENOL CEVDET NURETTİN ZEKİ";

const TR_FEMALE: &str = "AYŞE FATMA EMİNE HATİCE ZEYNEP ELİF MERVE ÖZLEM BÜŞRA SELİN GİZEM MELEK \
HÜLYA SEVGİ YASEMİN ESRA DERYA EBRU GÜLSÜM HANDE İREM KÜBRA LEYLA NESRİN PINAR SEDA TUBA ŞEYMA \
AYLİN BETÜL CEREN DİLEK EDA FİLİZ GAMZE HAVVA İPEK MELTEM NUR ÖZGE SİBEL TÜLAY YELİZ ZEHRA \
BURCU ECE SEMRA NERMİN GÜLAY";

const TR_SURNAMES: &str = "YILMAZ KAYA DEMİR ŞAHİN ÇELİK YILDIZ YILDIRIM ÖZTÜRK AYDIN ÖZDEMİR \
ARSLAN DOĞAN KILIÇ ASLAN ÇETİN KARA KOÇ KURT ÖZKAN ŞİMŞEK POLAT ÖZCAN KORKMAZ ÇAKIR ERDOĞAN \
YAVUZ CAN ACAR ŞEN AKTAŞ GÜLER YALÇIN GÜNEŞ BOZKURT BULUT KESKİN ÜNAL TURAN GÜL ÖZER IŞIK \
KAPLAN AVCI SARI TEKİN TAŞ KÖSE YÜKSEL ATEŞ";

const RU_MALE: &str = "АЛЕКСАНДР СЕРГЕЙ ДМИТРИЙ АНДРЕЙ АЛЕКСЕЙ МАКСИМ ЕВГЕНИЙ ИВАН МИХАИЛ \
АРТЁМ НИКОЛАЙ ВЛАДИМИР ПАВЕЛ ДЕНИС РОМАН ИГОРЬ ОЛЕГ ЮРИЙ АНТОН КИРИЛЛ ВИКТОР ВЯЧЕСЛАВ \
ВИТАЛИЙ ВАДИМ ВАЛЕРИЙ КОНСТАНТИН ВАСИЛИЙ ПЁТР ИЛЬЯ ЕГОР НИКИТА СТАНИСЛАВ ГЕННАДИЙ АНАТОЛИЙ \
ЛЕОНИД БОРИС ГРИГОРИЙ ФЁДОР ТИМУР РУСЛАН АРКАДИЙ ЭДУАРД ЯРОСЛАВ ВЛАДИСЛАВ ГЛЕБ ДАНИИЛ \
МАТВЕЙ СТЕПАН ТИМОФЕЙ СЕМЁН ЯКОВ ЛЕВ ГЕОРГИЙ ЗАХАР ФИЛИПП АРСЕНИЙ САВЕЛИЙ ТАРАС БОГДАН \
ОСТАП МИРОСЛАВ ВАЛЕНТИН ЕМЕЛЬЯН ЕФИМ ИННОКЕНТИЙ ПРОХОР РОДИОН МАРК ЛУКА ЛАВРЕНТИЙ АФАНАСИЙ \
ГАВРИИЛ ИЛЛАРИОН ВСЕВОЛОД ЕРМОЛАЙ КУЗЬМА МАКАР НАЗАР ОСИП ПЛАТОН РОСТИСЛАВ САВВА ТИХОН \
ФОМА ЮЛИАН ЯН АРТУР ЭРИК ГЕРМАН ДАВИД ЕЛИСЕЙ ИГНАТ КЛИМ ЛЮБОМИР МИРОН НЕСТОР ПРОКОП \
РАДИМ СВЯТОСЛАВ ТРОФИМ УСТИН ФАДЕЙ";

const RU_FEMALE: &str = "ЕЛЕНА ОЛЬГА ТАТЬЯНА НАТАЛЬЯ ИРИНА СВЕТЛАНА АННА МАРИЯ ЕКАТЕРИНА ЮЛИЯ \
АНАСТАСИЯ ДАРЬЯ КСЕНИЯ ЛЮДМИЛА ГАЛИНА НАДЕЖДА ВАЛЕНТИНА МАРИНА ОКСАНА ВИКТОРИЯ АЛЕКСАНДРА \
ПОЛИНА ЕВГЕНИЯ ЛАРИСА ЛЮБОВЬ ВЕРА НИНА ЗОЯ ТАМАРА АЛЛА ИНГА ЖАННА ЯНА АЛИНА ВЕРОНИКА ВАЛЕРИЯ \
СОФЬЯ АЛЁНА КРИСТИНА ДИАНА ЕЛИЗАВЕТА ВАРВАРА АНЖЕЛИКА ЛИДИЯ РАИСА ЗИНАИДА ЭЛЬВИРА РИММА \
ОЛЕСЯ МИЛЕНА УЛЬЯНА АНТОНИНА ВАСИЛИСА ЕВДОКИЯ ЗЛАТА ИНЕССА КАРИНА ЛИЛИЯ МАЙЯ НОННА \
ПРАСКОВЬЯ РЕГИНА СНЕЖАНА ТАИСИЯ УСТИНЬЯ ФАИНА";

const RU_SURNAMES: &str = "ИВАНОВ СМИРНОВ КУЗНЕЦОВ ПОПОВ ВАСИЛЬЕВ ПЕТРОВ СОКОЛОВ МИХАЙЛОВ НОВИКОВ \
ФЁДОРОВ МОРОЗОВ ВОЛКОВ АЛЕКСЕЕВ ЛЕБЕДЕВ СЕМЁНОВ ЕГОРОВ ПАВЛОВ КОЗЛОВ СТЕПАНОВ НИКОЛАЕВ ОРЛОВ \
АНДРЕЕВ МАКАРОВ НИКИТИН ЗАХАРОВ ЗАЙЦЕВ СОЛОВЬЁВ БОРИСОВ ЯКОВЛЕВ ГРИГОРЬЕВ РОМАНОВ ВОРОБЬЁВ \
СЕРГЕЕВ КУЗЬМИН ФРОЛОВ АЛЕКСАНДРОВ ДМИТРИЕВ КОРОЛЁВ ГУСЕВ КИСЕЛЁВ ИЛЬИН МАКСИМОВ ПОЛЯКОВ \
СОРОКИН ВИНОГРАДОВ КОВАЛЁВ БЕЛОВ МЕДВЕДЕВ АНТОНОВ ТАРАСОВ ЖУКОВ БАРАНОВ ФИЛИППОВ КОМАРОВ \
ДАВЫДОВ БЕЛЯЕВ ГЕРАСИМОВ БОГДАНОВ ОСИПОВ СИДОРОВ МАТВЕЕВ ТИТОВ МАРКОВ МИРОНОВ КРЫЛОВ КУЛИКОВ \
КАРПОВ ВЛАСОВ МЕЛЬНИКОВ ДЕНИСОВ ГАВРИЛОВ ТИХОНОВ КАЗАКОВ АФАНАСЬЕВ ДАНИЛОВ САВЕЛЬЕВ ТИМОФЕЕВ \
ФОМИН ЧЕРНОВ АБРАМОВ МАРТЫНОВ ЕФИМОВ ФЕДОТОВ ЩЕРБАКОВ НАЗАРОВ КАЛИНИН ИСАЕВ ЧЕРНЫШЁВ БЫКОВ \
МАСЛОВ РОДИОНОВ КОНОВАЛОВ ЛАЗАРЕВ ВОРОНИН КЛИМОВ ФИЛАТОВ ПОНОМАРЁВ ГОЛУБЕВ КУДРЯВЦЕВ \
ПРОХОРОВ НАУМОВ ПОТАПОВ ЖУРАВЛЁВ ОВЧИННИКОВ ТРОФИМОВ ЛЕОНОВ СОБОЛЕВ ЕРМАКОВ КОЛЕСНИКОВ \
ГОНЧАРОВ ЕМЕЛЬЯНОВ НИКИФОРОВ ГРАЧЁВ КОТОВ ГРИШИН ЕФРЕМОВ АРХИПОВ ГРОМОВ КИРИЛЛОВ МАЛЫШЕВ \
ПАНОВ МОИСЕЕВ РУМЯНЦЕВ АКИМОВ КОНДРАТЬЕВ БИРЮКОВ ГОРБУНОВ АНИСИМОВ ЕРЁМИН ТИХОМИРОВ ГАЛКИН \
ЛУКЬЯНОВ МИХЕЕВ СКВОРЦОВ ЮДИН БЕЛОУСОВ НЕСТЕРОВ СИМОНОВ ПРОКОФЬЕВ ХАРИТОНОВ КНЯЗЕВ ЦВЕТКОВ \
ЛЕВИН МИТРОФАНОВ ВОРОНОВ АКСЁНОВ СОФРОНОВ МАЛЬЦЕВ ЛОГИНОВ ГОРШКОВ САВИН КРАСНОВ МАЙОРОВ \
ДЕМИДОВ ЕЛИСЕЕВ РЫБАКОВ САФОНОВ ПЛОТНИКОВ ДЁМИН ХОХЛОВ ФАДЕЕВ МОЛЧАНОВ ИГНАТОВ ЛИТВИНОВ \
ЕРШОВ УШАКОВ ДЕМЕНТЬЕВ РЯБОВ МУХИН КАЛАШНИКОВ ЛЕОНТЬЕВ ЛОБАНОВ КУЗИН КОРНЕЕВ ЕВДОКИМОВ \
БОРОДИН ПЛАТОНОВ НЕКРАСОВ БАЛАШОВ БОБРОВ ЖДАНОВ БЛИНОВ ИГНАТЬЕВ КОРОТКОВ МУРАВЬЁВ КРЮКОВ \
БЕЛЯКОВ БОГОМОЛОВ ДРОЗДОВ ЛАВРОВ ЗУЕВ ПЕТУХОВ ЛАРИН НИКУЛИН СЕРОВ ТЕРЕНТЬЕВ ЗОТОВ УСТИНОВ \
ФОКИН САМОЙЛОВ КОНСТАНТИНОВ ШИШКИН ШЕВЧЕНКО КОВАЛЕНКО БОНДАРЕНКО ТКАЧЕНКО КРАВЧЕНКО \
МЕЛЬНИК ШЕВЧУК ПОЛИЩУК КОВАЛЬ ЛЫСЕНКО МАРЧЕНКО САВЧЕНКО РУДЕНКО ПЕТРЕНКО КЛИМЕНКО ПАВЛЕНКО \
НОВИЦКИЙ ЗАВАДСКИЙ ВИШНЕВСКИЙ КОВАЛЕВИЧ ЛУКАШЕВИЧ ТОЛСТОЙ";

const AR_MALE: &str = "MuḤaMMaD AḤMaD `ALĪ ḤaSaN ḤuSaYN `uMaR `uṮMĀN ḪĀLiD YŪSuF IBRĀHĪM \
`ABDuLLĀH `ABD_AL-RaḤMĀN `ABD_AL-`AZĪZ `ABD_AL-KaRĪM `ABD_AL-RaḤĪM `ABD_AL-MaJĪD MaḤMŪD \
MuSTaFĀ SaLĪM SA`ĪD FaYSaL SuLTĀN RĀŠiD NĀSiR ḤaMaD ḤaMZa TĀRiQ ZiYĀD BiLĀL `ĀDiL JaMĀL \
KaMĀL MuNĪR NaBĪL SĀMĪ WaLĪD YĀSiR ZaKaRIYYĀ ISMĀ`ĪL MŪSĀ `ĪSĀ YaḤYĀ SuLaYMĀN ḤĀMiD MaJĪD \
FaHD TuRKĪ BaNDaR MaNSŪR QĀSiM ŠĀKiR `ABBĀS JĀSiM ḤĀZiM `IMĀD ṮĀMiR ḤASSĀN `AMMĀR ŠĀDĪ \
NĀYiF MĀJiD BĀSiL RaYYĀN ḤUḎAYFa ANaS";

const AR_FEMALE: &str = "FĀṬiMẗ `Ā'IŠẗ MaRYaM NŪR ZaYNaB ḪaDĪJẗ ḤiSSẗ SĀRẗ MaHĀ LaṬĪFẗ \
ĀMiNẗ ŠaYḪẗ RĀNiYẗ HuDĀ AMAL ASMĀ' HĀLẗ DĀLiYẗ LaYLĀ NĀDiYẗ RaŠĪDẗ SaLMĀ ŠaYMĀ' \
YĀSMĪN ZaHRĀ' `ABĪR ĠĀDẗ ḤaNĀN JaMĪLẗ KaRĪMẗ LuBNĀ MaNĀL NaJLĀ' RaNĀ SaMĪRẗ WAFĀ'";

const AR_SURNAMES: &str = "AL-MaNSŪRĪ AL-HĀŠiMĪ AL-SaYYiD AL-QĀSiMĪ ḤaSaN IBRĀHĪM `ABDuLLĀH \
AL-AḤMaD AL-ḤaMMĀDĪ SĀLiḤ AL-KuWĀRĪ AL-MaRRĪ AL-KaTBĪ AL-ŠAMSĪ AL-Nu`aYMĪ ḤaDDĀD NĀSiR ḪaLĪL \
YŪSuF MaḤMŪD `uṮMĀN AL-`uTaYBĪ AL-ḤaRBĪ AL-QaḤṬĀNĪ AL-ĠĀMiDĪ AL-ZaHRĀNĪ AL-DaWSaRĪ AL-ŠaMMaRĪ \
AL-`ANaZĪ AL-MuṬaYRĪ AL-TaMĪMĪ AL-JuBŪRĪ AL-DuLaYMĪ AL-`aZZĀWĪ AL-TiKRĪTĪ AL-BaSRĪ AL-MaSRĪ \
AL-ŠĀMĪ AL-ḤaLaBĪ AL-BaĠDĀDĪ AL-YaMĀNĪ AL-LĪBĪ AL-TŪNiSĪ ḤuSaYN `ALĪ AḤMaD AL-ŠAYḪ";

const FA_MALE: &str = "MoḤaMMaD `ALĪ ḤoSSeYN REZĀ MeHDĪ AMĪR ḤAMĪD SA`ĪD MoḤSeN MAJĪD JAVĀD \
MaS`ŪD `ALĪREZĀ ḤaSaN EBRĀHĪM ĀRAŠ BĀBAK DĀRYŪŠ FARHĀD KĀVẖ KŪRoŠ MEHRDĀD NĀDeR PeYMĀN RĀMĪN \
SĪĀVaŠ ŠĀHĪN VAḤĪD YŪSeF MOJTABĀ MORTEẒĀ AḤMaD ḤAMZẖ BEHNĀM BEHZĀD FARŠĪD HŪMAN JAMŠĪD \
KĀMRĀN MAZIAR NĪMĀ OMĪD PARVĪZ RŪZBEH SALMĀN ŠAHRĀM SOHRĀB TOURAJ";

const FA_FEMALE: &str = "FĀṬeMẖ ZAHRĀ MARYAM SĀRĀ MAHSĀ NEGĀR LeYLĀ ZeYNaB ELHĀM NARGeS SOMAYYẖ \
PARĪSĀ ŠĪRĪN ĀZĀDẖ BAHĀR FARĪBĀ GoLNĀZ MĪNĀ NASRĪN RoYĀ SAMĀNẖ TĀRĀ YĀSAMAN ATEFẖ FERĪŠTẖ \
HĀNĪẖ MAHNĀZ NĀHĪD PARVĀNẖ ROXĀNĀ SAḤAR SHOHREH TAHMĪNẖ";

const FA_SURNAMES: &str = "MoḤaMMaDĪ ḤoSSeYNĪ AḤMaDĪ REZĀ'Ī MŪSAVĪ JA`FARĪ KARĪMĪ RAḤĪMĪ HĀŠeMĪ \
SĀDeQĪ QĀSeMĪ MORĀDĪ `ABBĀSĪ NŪRĪ SĀLeḤĪ KĀẒeMĪ TEHRĀNĪ NAẒARĪ `AZĪZĪ BĀQeRĪ ḤeYDARĪ AKBARĪ \
ŠARĪFĪ ZĀRE`Ī NAJAFĪ ḤoSSeYNZĀDẖ AḤMaDPŪR RAḤĪMZĀDẖ MoḤaMMaDNEJĀD SOLṬĀNĪ JAMĀLĪ EṢFAHĀNĪ \
ŠĪRĀZĪ TABRĪZĪ YAZDĀNĪ KERMĀNĪ RAFSANJĀNĪ ḪĀMeNE'Ī ḤĀJĪZĀDẖ";

const EU_MALE: &str = "THOMAS MICHAEL ANDREAS STEFAN JEAN PIERRE MARCO LUCA JAMES JOHN DAVID PETER \
HANS JÜRGEN KLAUS WOLFGANG FRANK MARTIN MATTHIAS SEBASTIAN TOBIAS FLORIAN JONAS LUKAS PHILIPP \
FRANÇOIS LOUIS NICOLAS JULIEN ANTOINE MATHIEU OLIVIER PHILIPPE ALAIN GIUSEPPE GIOVANNI ANTONIO \
MARIO FRANCESCO ALESSANDRO MATTEO LORENZO PAOLO JOSÉ JUAN CARLOS MIGUEL JAVIER ALEJANDRO PABLO \
SERGIO WILLIAM ROBERT RICHARD CHARLES GEORGE EDWARD HENRY PATRICK SEAN DANIEL BENJAMIN SAMUEL \
OLIVER HARRY JACK RYAN KEVIN BRIAN WILLEM PIETER JOHANNES DIRK SVEN ERIK LARS JOÃO PEDRO RUI \
NUNO TIAGO";

const EU_FEMALE: &str = "ANNA MARIA SABINE JULIA MARIE SOPHIE GIULIA FRANCESCA SARAH EMMA CLAIRE \
CHARLOTTE LAURA LENA LEA HANNAH MIA PETRA MONIKA URSULA BIRGIT CLAUDIA NATHALIE ISABELLE CAMILLE \
CHLOÉ MANON ÉLODIE CHIARA SOFIA ELENA ALESSIA VALENTINA SILVIA CARMEN LUCÍA PAULA ELIZABETH \
MARGARET JENNIFER EMILY JESSICA OLIVIA KATE MARY SUSAN ANNE INGRID ASTRID SANNE FLEUR ANA INÊS \
BEATRIZ MARTA";

const EU_SURNAMES: &str = "MÜLLER SCHMIDT SCHNEIDER FISCHER WEBER MEYER WAGNER BECKER SCHULZ HOFFMANN \
MARTIN BERNARD DUBOIS ROSSI RUSSO SMITH JONES WILLIAMS GARCÍA FERNÁNDEZ SCHÄFER KOCH BAUER \
RICHTER KLEIN WOLF SCHRÖDER NEUMANN SCHWARZ ZIMMERMANN BRAUN KRÜGER HARTMANN LANGE WERNER \
KRAUSE LEHMANN THOMAS ROBERT RICHARD PETIT DURAND LEROY MOREAU SIMON LAURENT LEFÈVRE MICHEL \
DAVID BERTRAND ROUX VINCENT FOURNIER FERRARI ESPOSITO BIANCHI ROMANO COLOMBO RICCI MARINO GRECO \
BRUNO GALLO CONTI DE_LUCA MANCINI COSTA GIORDANO RIZZO LOMBARDI MORETTI BROWN TAYLOR DAVIES \
EVANS WILSON JOHNSON ROBERTS WALKER WRIGHT ROBINSON THOMPSON WHITE HUGHES EDWARDS GREEN HALL \
WOOD HARRIS CLARKE O'BRIEN O'NEILL MURPHY KELLY BYRNE GONZÁLEZ RODRÍGUEZ LÓPEZ MARTÍNEZ \
SÁNCHEZ PÉREZ GÓMEZ JIMÉNEZ RUIZ HERNÁNDEZ DÍAZ MORENO DE_JONG JANSEN DE_VRIES VAN_DEN_BERG \
VAN_DIJK BAKKER JANSSEN VISSER SMIT MEIJER DE_BOER MULDER SILVA SANTOS FERREIRA PEREIRA \
OLIVEIRA RODRIGUES MARTINS SOUSA FERNANDES GONÇALVES";

const CA_MALE: &str = "NURSULTAN ASQAR NURLAN BAXTIYOR AZAMAT DILSHOD SHERZOD ALISHER ERLAN RUSTAM \
DAUREN TIMUR BEKZOD JASUR ULUĞBEK OTABEK SANJAR FARRUX AKMAL BOBUR ANVAR ZAFAR ILXOM JAMSHID \
KAMOLIDDIN ERJAN QAYRAT MARAT SERIK BAQYT ASLAN ARMAN DASTAN ERBOL ABDULLO FIRDAVS SHAXZOD \
SUXROB UMID XUSAN ISLOM ORZU SAIDMUROD BAXROM NODIR RAVSHAN SHUXRAT";

const CA_FEMALE: &str = "AYGÜL GÜLNARA DINARA MADINA ZARINA ASEL DILNOZA SAULE NILUFAR KAMILA \
MALIKA NODIRA SHAXNOZA ZULFIYA AYJAN DARIĞA GÜLMIRA AYNUR JANAR MEHRIBON SEVARA UMIDA FERUZA \
MUXLISA NARGIZA AIDA BOTAGÖZ GAUXAR ZHANNA";

const CA_SURNAMES: &str = "ABDULLAYEV YUSUPOV RAXIMOV TOXTAROV ISMAILOV SULTANOV AXMETOV JUMABAYEV \
NURLANOV QASYMOV SEITQALIYEV ERGASHEV TURSUNOV KARIMOV ALIMOV NAZARBAYEV TOQAYEV MIRZIYOYEV \
RASHIDOV XOLMATOV USMONOV QODIROV TOSHMATOV SAIDOV RAHMONOV NIYAZOV BERDIMUXAMEDOV ATAMBAYEV \
JAPAROV OMURBEKOV ASANOV";

const KA_MALE: &str = "GIORGI DAVIT LEVAN IRAKLI NIKA ZURAB LASHA TORNIKE GIA MERAB TEMUR VAKHTANG \
ZAZA TAMAZ REVAZ SHOTA BESIK GOCHA MAMUKA OTAR ILIA LUKA SABA DACHI ALEKSANDRE NIKOLOZ BADRI \
KOBA ARCHIL DIMITRI TENGIZ ZVIAD EREKLE GURAM NODAR TARIEL AVTANDIL BIDZINA KAKHA GELA MIKHEIL \
BACHANA GIVI JEMAL KONSTANTINE PAATA ROIN";

const KA_FEMALE: &str = "NINO MARIAM TAMAR ANA KETEVAN SALOME EKA NATIA MAIA NANA MANANA LIA \
KHATUNA TEONA SOPHIO ELENE NATO LELA TINATIN IRMA MZIA LALI MAKA DALI RUSUDAN KETI NATELA \
GVANTSA NINI MAKA TSIURI";

const KA_SURNAMES: &str = "BERIDZE KAPANADZE GELASHVILI MAISURADZE GIORGADZE LOMIDZE TSIKLAURI \
BOLKVADZE KVARATSKHELIA NOZADZE JAPARIDZE MCHEDLISHVILI KHUTSISHVILI ABULADZE TABATADZE MELADZE \
GOGOLADZE DOLIDZE KIKNADZE BAKRADZE ASATIANI DADIANI CHAVCHAVADZE GAMSAKHURDIA JANELIDZE \
SHENGELIA TSERETELI JAVAKHISHVILI NATSVLISHVILI KOBAKHIDZE MGALOBLISHVILI GOGUADZE \
LORTKIPANIDZE CHIKOVANI PAPAVA ZHVANIA GURULI SVANIDZE MEGRELISHVILI";

const HY_MALE: &str = "ARMEN ARAM HAYK TIGRAN DAVIT NAREK GEVORG VARDAN ASHOT ARTUR KAREN \
HOVHANNES GRIGOR SARGIS VAHAN ARSEN ARTAK EDGAR GAGIK HRANT LEVON MHER RUBEN SAMVEL SUREN \
ARAYIK KAMO MANVEL NIKOL SEYRAN VAZGEN ZAVEN ANDRANIK GARNIK HAMLET KHACHIK MKRTICH PETROS \
RAFFI SEROB";

const HY_FEMALE: &str = "ANI ANNA MARIAM LUSINE NARINE ARMINE GAYANE HASMIK ANAHIT SIRANUSH LILIT \
NUNE ASTGHIK TATEVIK GOHAR SONA ARPINE MANE SATENIK ZARUHI ELEN GOHARIK HRIPSIME KARINE \
MARINE NAIRA SHUSHAN SIRUN TAGUHI";

const HY_SURNAMES: &str = "GRIGORYAN SARGSYAN HARUTYUNYAN HOVHANNISYAN KHACHATRYAN HAKOBYAN \
PETROSYAN VARDANYAN KARAPETYAN GEVORGYAN MKRTCHYAN POGHOSYAN MARGARYAN AVETISYAN HAYRAPETYAN \
MANUKYAN SIMONYAN GASPARYAN MELKONYAN BABAYAN TER-PETROSYAN ABRAHAMYAN ASATRYAN ZAKARYAN \
ALEKSANYAN BAGHDASARYAN DAVTYAN GALSTYAN MIKAYELYAN NAZARYAN";

/// The words of a seed list, `_` read as a blank, each once.
pub(super) fn words(list: &'static str) -> impl Iterator<Item = String> {
    let mut seen = std::collections::HashSet::new();
    list.split_whitespace()
        .map(|w| w.replace('_', " "))
        .filter(move |w| seen.insert(w.clone()))
}
