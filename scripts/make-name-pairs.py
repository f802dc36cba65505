"""Writes data/screen/name-pairs.tsv: the name-pair set the matcher is measured on (see its header).

Every name here is invented for the set. Matches are the ways one party's name really varies between a
parts file and a sanctions list: Cyrillic against Latin in several transliteration systems, words
reordered, typos, legal forms spelled or abbreviated differently. Non-matches are look-alikes: the same
surname with another first name, the same first names with another surname, companies sharing generic words.
Run: python3 scripts/make-name-pairs.py
"""
import random

random.seed(7)

# Cyrillic name, then Latin renderings in different systems (hand-written, not generated).
PEOPLE = [
    ("Дмитрий Сергеевич Волков", ["Dmitry Sergeyevich Volkov", "Dmitrii Sergeevich Volkov", "Dmitrij Sergejevič Volkov", "Dmitriy Sergeevich Volkov"]),
    ("Алексей Игоревич Орлов", ["Aleksey Igorevich Orlov", "Alexei Igorevich Orlov", "Oleksii Ihorovych Orlov", "Aleksej Igorevič Orlov"]),
    ("Юлия Андреевна Кузнецова", ["Yuliya Andreyevna Kuznetsova", "Iuliia Andreevna Kuznetsova", "Julija Andrejevna Kuznecova", "Yulia Andreevna Kuznetsova"]),
    ("Сергей Павлович Журавлёв", ["Sergey Pavlovich Zhuravlev", "Sergei Pavlovich Zhuravlyov", "Sergej Pavlovič Žuravlev", "Serhii Pavlovych Zhuravliov"]),
    ("Наталья Викторовна Щербакова", ["Natalya Viktorovna Shcherbakova", "Natalia Viktorovna Shcherbakova", "Natal'ja Viktorovna Ščerbakova", "Nataliya Viktorivna Shcherbakova"]),
    ("Евгений Олегович Харитонов", ["Yevgeny Olegovich Kharitonov", "Evgenii Olegovich Kharitonov", "Jevgenij Olegovič Charitonov", "Yevhen Olehovych Kharytonov"]),
    ("Григорий Ильич Цветков", ["Grigory Ilyich Tsvetkov", "Grigorii Ilich Tsvetkov", "Grigorij Il'ič Cvetkov", "Hryhorii Illich Tsvietkov"]),
    ("Ксения Артёмовна Белоусова", ["Kseniya Artyomovna Belousova", "Kseniia Artemovna Belousova", "Ksenija Artjomovna Belousova", "Xenia Artemovna Belousova"]),
    ("Вячеслав Юрьевич Лихачёв", ["Vyacheslav Yuryevich Likhachev", "Viacheslav Iurievich Likhachyov", "Vjačeslav Jur'jevič Lichačov", "Wjatscheslaw Jurjewitsch Lichatschow"]),
    ("Татьяна Николаевна Чернышёва", ["Tatyana Nikolayevna Chernysheva", "Tatiana Nikolaevna Chernyshova", "Tat'jana Nikolajevna Černyševa", "Tetiana Mykolaivna Chernysheva"]),
    ("Олег Борисович Фёдоров", ["Oleg Borisovich Fyodorov", "Oleg Borisovich Fedorov", "Oleh Borysovych Fedorov", "Oleg Borisovič Fjodorov"]),
    ("Михаил Аркадьевич Шевцов", ["Mikhail Arkadyevich Shevtsov", "Mikhail Arkadievich Shevtsov", "Michail Arkad'jevič Ševcov", "Mykhailo Arkadiiovych Shevtsov"]),
    ("Ирина Степановна Золотарёва", ["Irina Stepanovna Zolotaryova", "Irina Stepanovna Zolotareva", "Iryna Stepanivna Zolotarova", "Irina Stepanovna Solotarewa"]),
    ("Андрей Валерьевич Гончаренко", ["Andrey Valeryevich Goncharenko", "Andrii Valeriiovych Honcharenko", "Andrej Valer'jevič Gončarenko", "Andrei Valerievich Goncharenko"]),
    ("Павел Геннадьевич Ястребов", ["Pavel Gennadyevich Yastrebov", "Pavel Gennadievich Iastrebov", "Pavel Gennad'jevič Jastrebov", "Pavlo Hennadiiovych Yastrebov"]),
    ("Елена Максимовна Соколовская", ["Yelena Maksimovna Sokolovskaya", "Elena Maksimovna Sokolovskaia", "Jelena Maksimovna Sokolovskaja", "Olena Maksymivna Sokolovska"]),
    ("Роман Тимурович Хабибуллин", ["Roman Timurovich Khabibullin", "Roman Timurovič Chabibullin", "Roman Tymurovych Khabibullin", "Roman Timurovich Habibullin"]),
    ("Виктор Эдуардович Мещеряков", ["Viktor Eduardovich Meshcheryakov", "Viktor Eduardovich Meshcheriakov", "Viktor Eduardovič Meščerjakov", "Victor Eduardovich Meshcheryakov"]),
    ("Светлана Денисовна Крючкова", ["Svetlana Denisovna Kryuchkova", "Svetlana Denisovna Kriuchkova", "Svetlana Denisovna Krjučkova", "Svitlana Denysivna Kriuchkova"]),
    ("Константин Львович Зайцев", ["Konstantin Lvovich Zaytsev", "Konstantin Lvovich Zaitsev", "Konstantin L'vovič Zajcev", "Kostiantyn Lvovych Zaitsev"]),
    ("Мохаммад Реза Карими", ["Mohammad Reza Karimi", "Mohammed Reza Karimi", "Muhammad Reza Karimi", "Mohamad Reza Karimi"]),
    ("Али Хоссейни Тебризи", ["Ali Hosseini Tabrizi", "Ali Hoseini Tabrizi", "Ali Husseini Tabrizi", "Ali Hosseyni Tebrizi"]),
    ("Хамид Резаи Ширази", ["Hamid Rezaei Shirazi", "Hamid Rezaee Shirazi", "Hamid Rezai Shirazi", "Hamed Rezaei Shirazi"]),
    ("Игорь Станиславович Воронцов", ["Igor Stanislavovich Vorontsov", "Ihor Stanislavovych Vorontsov", "Igor' Stanislavovič Voroncov", "Igor Stanislawowitsch Woronzow"]),
    ("Людмила Петровна Ковальчук", ["Lyudmila Petrovna Kovalchuk", "Liudmyla Petrivna Kovalchuk", "Ljudmila Petrovna Koval'čuk", "Ludmila Petrovna Kowaltschuk"]),
]

# Company names in Russian (with legal form) and the Latin forms a parts file may hold.
COMPANIES = [
    ("ООО «Аэротехника»", ["Aerotekhnika LLC", "OOO Aerotekhnika", "Limited Liability Company Aerotehnika", "AEROTEKHNIKA OOO"]),
    ("АО «Волжские точные приборы»", ["JSC Volzhskie Tochnye Pribory", "Volzhskiye Tochnyye Pribory AO", "Joint Stock Company Volzhskie Tochnye Pribory", "AO Volzhskie Tochnye Pribory"]),
    ("ООО «Северный радиоэлектронный завод»", ["Severny Radioelektronny Zavod LLC", "OOO Severnyi Radioelektronnyi Zavod", "Severnyy Radioelektronnyy Zavod OOO", "LLC Severny Radioelektronny Zavod"]),
    ("АО «Уральский моторный центр»", ["Uralsky Motorny Tsentr JSC", "AO Uralskiy Motornyy Tsentr", "Ural'skij Motornyj Centr AO", "JSC Uralskii Motornyi Tsentr"]),
    ("ООО «Техносфера-М»", ["Tekhnosfera-M LLC", "OOO Tekhnosfera M", "Technosfera-M Ltd", "TEHNOSFERA-M OOO"]),
    ("ООО «Балтийская навигация»", ["Baltiyskaya Navigatsiya LLC", "OOO Baltiiskaia Navigatsiia", "Baltijskaja Navigacija OOO", "Baltiyskaya Navigatsiya Limited"]),
    ("АО «Кронверк Электроникс»", ["Kronverk Electronics JSC", "AO Kronverk Elektroniks", "Kronverk Electronics AO", "Joint-Stock Company Kronverk Electronics"]),
    ("ООО «Сибирские беспилотные технологии»", ["Sibirskie Bespilotnye Tekhnologii LLC", "OOO Sibirskiye Bespilotnyye Tekhnologii", "Sibirskie Bespilotnye Tehnologii OOO", "LLC Sibirskiye Bespilotnye Tekhnologii"]),
    ("ООО «Гиролайн»", ["Giroline LLC", "OOO Girolain", "Girolayn OOO", "Gyroline LLC"]),
    ("АО «Инерциальные системы Поволжья»", ["Inertsialnye Sistemy Povolzhya JSC", "AO Inertsial'nye Sistemy Povolzh'ya", "Inercial'nye Sistemy Povolž'ja AO", "JSC Inertsialnyye Sistemy Povolzhya"]),
    ("ООО «Орбитал Компонент»", ["Orbital Component LLC", "OOO Orbital Komponent", "Orbital Komponent Ltd", "ORBITAL COMPONENT OOO"]),
    ("ООО «Ладога Трейд»", ["Ladoga Trade LLC", "OOO Ladoga Treid", "Ladoga Treyd OOO", "Ladoga Trade Limited"]),
    ("АО «Звезда-Привод»", ["Zvezda-Privod JSC", "AO Zvezda Privod", "Zwezda-Priwod AG", "Joint Stock Company Zvezda-Privod"]),
    ("ООО «Каспий Электро Снаб»", ["Kaspiy Elektro Snab LLC", "OOO Kaspii Elektro Snab", "Caspiy Electro Snab LLC", "Kaspij Elektro Snab OOO"]),
    ("ООО «НПП Радиосвязь-Юг»", ["NPP Radiosvyaz-Yug LLC", "OOO NPP Radiosviaz Iug", "NPP Radiosvjaz-Jug OOO", "NPP Radiosvyaz Yug Ltd"]),
]
# Companies named in Latin only, with the legal-form and spelling variants a file may hold.
LATIN_COMPANIES = [
    ("Shenzhen Hongda Microelectronics Co., Ltd.", ["Shenzhen Hongda Microelectronics Company Limited", "Hongda Microelectronics Shenzhen Co Ltd", "SHENZHEN HONGDA MICROELECTRONICS", "Shenzen Hongda Microelectronics Co Ltd"]),
    ("Gulf Horizon General Trading FZE", ["Gulf Horizon General Trading FZ-E", "Gulf Horizon General Trading", "GULF HORIZON GENERAL TRADING FZE", "Gulf Horizon Gen. Trading FZE"]),
    ("Anadolu Hassas Elektronik Sanayi Ltd. Şti.", ["Anadolu Hassas Elektronik Sanayi Ltd Sti", "Anadolu Hassas Elektronik Sanayi", "ANADOLU HASSAS ELEKTRONIK SANAYI LTD STI", "Anadolu Hasas Elektronik Sanayi"]),
    ("Pamir Logistics Group LLP", ["Pamir Logistics Group", "PAMIR LOGISTICS GROUP LLP", "Pamir Logistic Group LLP", "Logistics Group Pamir LLP"]),
    ("Ararat Precision Components CJSC", ["Ararat Precision Components", "Ararat Precision Components Closed Joint Stock Company", "ARARAT PRECISION COMPONENTS CJSC", "Ararat Precission Components CJSC"]),
    ("Hong Kong Sunrise Electronic Technology Limited", ["Hong Kong Sunrise Electronic Technology Ltd", "HK Sunrise Electronic Technology Limited", "Sunrise Electronic Technology Hong Kong Limited", "Hong Kong Sunrise Electronics Technology Limited"]),
    ("Tabriz Rotor Engineering Company", ["Tabriz Rotor Engineering Co", "Tabriz Rotor Engineering", "TABRIZ ROTOR ENGINEERING COMPANY", "Tabris Rotor Engineering Co."]),
    ("Almaty Aero Parts LLP", ["Almaty Aero Parts", "ALMATY AERO PARTS LLP", "Almaty Aeroparts LLP", "Aero Parts Almaty LLP"]),
    ("Bishkek Tech Import LLC", ["Bishkek Tech Import", "OOO Bishkek Tech Import", "Bishkek Tekh Import LLC", "BISHKEK TECH IMPORT LLC"]),
    ("Qingdao Everbright Drone Parts Co., Ltd.", ["Qingdao Everbright Drone Parts Co Ltd", "Everbright Drone Parts Qingdao Co Ltd", "QINGDAO EVERBRIGHT DRONE PARTS", "Qingdao Everbrigth Drone Parts Co Ltd"]),
]

# Look-alike non-matches: pairs a careless matcher joins.
NON_MATCHES = [
    ("Volga Trading LLC", "Volga Logistics LLC"), ("Ural Precision Instruments", "Volga Precision Instruments"),
    ("Sibir Aero Parts", "Almaty Aero Parts LLP"), ("Gulf Horizon Shipping FZE", "Gulf Star General Trading FZE"),
    ("Shenzhen Hongda Plastics Co Ltd", "Shenzhen Hongda Microelectronics Co., Ltd."), ("Kronverk Logistics LLC", "Kronverk Electronics JSC"),
    ("Orbital Trade LLC", "Orbital Component LLC"), ("Ladoga Electronics OOO", "Ladoga Trade LLC"),
    ("Zvezda Pharma JSC", "Zvezda-Privod JSC"), ("Sunrise Electronic Technology Shanghai", "Hong Kong Sunrise Electronic Technology Limited"),
    ("Pamir Textiles LLP", "Pamir Logistics Group LLP"), ("Tabriz Carpet Company", "Tabriz Rotor Engineering Company"),
    ("Bishkek Food Import LLC", "Bishkek Tech Import LLC"), ("Qingdao Everbright Seafood Co Ltd", "Qingdao Everbright Drone Parts Co., Ltd."),
    ("Ararat Brandy Factory CJSC", "Ararat Precision Components CJSC"), ("Anadolu Tekstil Sanayi Ltd Sti", "Anadolu Hassas Elektronik Sanayi Ltd. Şti."),
    ("General Trading LLC", "Gulf Horizon General Trading FZE"), ("Electronic Technology Limited", "Hong Kong Sunrise Electronic Technology Limited"),
    ("Aero Parts LLP", "Almaty Aero Parts LLP"), ("Drone Parts Co Ltd", "Qingdao Everbright Drone Parts Co., Ltd."),
    ("Severnaya Verf JSC", "ООО «Северный радиоэлектронный завод»"), ("Uralsky Khimichesky Zavod", "АО «Уральский моторный центр»"),
    ("Baltiyskaya Stroitelnaya Kompaniya", "ООО «Балтийская навигация»"), ("Tekhnopark Sever LLC", "ООО «Техносфера-М»"),
    ("Sibirskaya Energeticheskaya Kompaniya", "ООО «Сибирские беспилотные технологии»"), ("Aerostar LLC", "ООО «Аэротехника»"),
    ("Kaspiy Neft Servis LLC", "ООО «Каспий Электро Снаб»"), ("Radiosvyaz Sever OOO", "ООО «НПП Радиосвязь-Юг»"),
    ("Inertsialnye Tekhnologii Moskva", "АО «Инерциальные системы Поволжья»"), ("Girostar LLC", "ООО «Гиролайн»"),
    ("Volzhskaya Tekstilnaya Fabrika", "АО «Волжские точные приборы»"),
]


def typo(name: str, k: int) -> str:
    """One deterministic typo: a doubled, dropped or swapped letter in the longest word."""
    words = name.split(" ")
    i = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[i]
    p = 2 + k % max(1, len(w) - 4)
    if k % 3 == 0:
        w = w[:p] + w[p] + w[p:]
    elif k % 3 == 1:
        w = w[:p] + w[p + 1:]
    else:
        w = w[:p] + w[p + 1] + w[p] + w[p + 2:]
    words[i] = w
    return " ".join(words)


rows = []
for n, (cyr, latins) in enumerate(PEOPLE):
    first, patr, last = cyr.split(" ")
    for lat in latins:
        rows.append((lat, cyr, "Person", 1, "transliteration"))
    lf, lp, ll = latins[0].split(" ")
    rows.append((f"{ll}, {lf} {lp}", cyr, "Person", 1, "reordered"))
    rows.append((f"{ll} {lf}", latins[1], "Person", 1, "reordered"))
    rows.append((f"{lf} {ll}", cyr, "Person", 1, "no-patronymic"))
    rows.append((typo(latins[2], n), cyr, "Person", 1, "typo"))
    rows.append((typo(f"{lf} {ll}", n + 1), latins[3], "Person", 1, "typo"))
    # Non-matches: another person's first name with this surname, and this first name with another surname.
    other = PEOPLE[(n + 7) % len(PEOPLE)][1][0].split(" ")
    rows.append((f"{other[0]} {ll}", cyr, "Person", 0, "same-surname"))
    rows.append((f"{lf} {lp} {other[2]}", cyr, "Person", 0, "same-first-names"))
    rows.append((" ".join(other), cyr, "Person", 0, "other-person"))
for n, (cyr, latins) in enumerate(COMPANIES):
    for lat in latins:
        rows.append((lat, cyr, "Company", 1, "transliteration+suffix"))
    rows.append((typo(latins[0], n), cyr, "Company", 1, "typo"))
    rows.append((latins[1], latins[0], "Company", 1, "suffix"))
for n, (name, variants) in enumerate(LATIN_COMPANIES):
    for v in variants:
        kind = "typo" if v != v.upper() and any(c in v for c in ("Shenzen", "Hasas", "Logistic ", "Precission", "Tabris", "Everbrigth", "Electronics Technology", "Aeroparts")) else "variant"
        rows.append((v, name, "Company", 1, kind))
    rows.append((typo(name, n), name, "Company", 1, "typo"))
for q, listed in NON_MATCHES:
    rows.append((q, listed, "Company", 0, "look-alike"))

with open("data/screen/name-pairs.tsv", "w", encoding="utf-8") as f:
    f.write("# Name pairs for measuring the matcher: query, listed name, schema, 1 = the same party, 0 = not, kind.\n")
    f.write("# Invented names; written by scripts/make-name-pairs.py. The test reports precision and recall at the default threshold.\n")
    f.write("query\tlisted\tschema\tsame\tkind\n")
    for r in rows:
        f.write("\t".join(str(x) for x in r) + "\n")
print(len(rows), sum(r[3] for r in rows))
