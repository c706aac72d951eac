/** A name as people write it, or [as written, its ASCII transliteration] for other scripts. */
export type NamePart = string | readonly [native: string, ascii: string];

export interface Culture {
  /** Relative share of the seeded users. */
  weight: number;
  given: readonly NamePart[];
  family: readonly NamePart[];
  familyFirst?: boolean;
  /** Chinese, Japanese and Korean names are written without a space. */
  joiner?: string;
}

const english: Culture = {
  weight: 33,
  given: [
    'Alice',
    'Benjamin',
    'Chloe',
    'Daniel',
    'Emily',
    'Frank',
    'Grace',
    'Henry',
    'Isla',
    'Jack',
    'Katherine',
    'Liam',
    'Mia',
    'Noah',
    'Olivia',
    'Patrick',
    'Quinn',
    'Rachel',
    'Samuel',
    'Tessa',
    'Victor',
    'Wendy',
    'Xavier',
    'Yasmin',
    'Zachary',
  ],
  family: [
    'Smith',
    'Johnson',
    'Williams',
    'Brown',
    'Jones',
    'Miller',
    'Davis',
    'Wilson',
    'Taylor',
    'Anderson',
    'Thomas',
    'Moore',
    'Clark',
    'Lewis',
    'Walker',
    "O'Brien",
    'Smith-Jones',
    'McAllister',
  ],
};

const global: Culture = {
  weight: 20,
  given: [
    'Priya',
    'Arjun',
    'Ananya',
    'Rohan',
    'Aditi',
    'Vikram',
    'Chidi',
    'Amara',
    'Kwame',
    'Ngozi',
    'Kofi',
    'Thandiwe',
    'Mateo',
    'Valentina',
    'Santiago',
    'Camila',
  ],
  family: [
    'Sharma',
    'Patel',
    'Iyer',
    'Reddy',
    'Banerjee',
    'Okafor',
    'Mensah',
    'Adeyemi',
    'Ndlovu',
    'Silva',
    'Rodrigues',
    'Costa',
    "D'Souza",
  ],
};

const european: Culture = {
  weight: 20,
  given: [
    'José',
    'Zoë',
    'Émile',
    'François',
    'Søren',
    'Björn',
    'Chloé',
    'Inès',
    'Jürgen',
    'Łukasz',
    'Renée',
    'Agnès',
    'Joaquín',
    'Mårten',
    'Øystein',
    'Małgorzata',
    'Anaïs',
    'Ñuria',
  ],
  family: [
    'Müller',
    'García',
    'Núñez',
    'Lefèvre',
    'Ødegaard',
    'Šimek',
    'Dvořák',
    'Gonçalves',
    'Wójcik',
    'Håkansson',
    'van der Berg',
    'Schröder',
    'Ibáñez',
    'Côté',
    'Straße',
  ],
};

// Ukrainian surnames ending in -enko or -yk are the same for every gender.
const cyrillic: Culture = {
  weight: 7,
  given: [
    ['Олена', 'olena'],
    ['Андрій', 'andrii'],
    ['Тарас', 'taras'],
    ['Оксана', 'oksana'],
    ['Дмитро', 'dmytro'],
    ['Ірина', 'iryna'],
    ['Богдан', 'bohdan'],
    ['Наталія', 'nataliia'],
  ],
  family: [
    ['Шевченко', 'shevchenko'],
    ['Коваленко', 'kovalenko'],
    ['Бондаренко', 'bondarenko'],
    ['Ткаченко', 'tkachenko'],
    ['Кравченко', 'kravchenko'],
    ['Мельник', 'melnyk'],
    ['Бойко', 'boiko'],
  ],
};

const chinese: Culture = {
  weight: 6,
  familyFirst: true,
  joiner: '',
  given: [
    ['伟', 'wei'],
    ['芳', 'fang'],
    ['娜', 'na'],
    ['敏', 'min'],
    ['静', 'jing'],
    ['磊', 'lei'],
    ['秀英', 'xiuying'],
    ['建华', 'jianhua'],
  ],
  family: [
    ['王', 'wang'],
    ['李', 'li'],
    ['张', 'zhang'],
    ['刘', 'liu'],
    ['陈', 'chen'],
    ['杨', 'yang'],
  ],
};

const japanese: Culture = {
  weight: 4,
  familyFirst: true,
  joiner: '',
  given: [
    ['花子', 'hanako'],
    ['太郎', 'taro'],
    ['陽菜', 'hina'],
    ['蓮', 'ren'],
    ['結衣', 'yui'],
  ],
  family: [
    ['佐藤', 'sato'],
    ['鈴木', 'suzuki'],
    ['高橋', 'takahashi'],
    ['田中', 'tanaka'],
    ['渡辺', 'watanabe'],
  ],
};

const korean: Culture = {
  weight: 3,
  familyFirst: true,
  joiner: '',
  given: [
    ['민준', 'minjun'],
    ['서연', 'seoyeon'],
    ['지호', 'jiho'],
    ['하은', 'haeun'],
  ],
  family: [
    ['김', 'kim'],
    ['이', 'lee'],
    ['박', 'park'],
    ['최', 'choi'],
  ],
};

const arabic: Culture = {
  weight: 5,
  given: [
    ['محمد', 'mohammed'],
    ['فاطمة', 'fatima'],
    ['أحمد', 'ahmed'],
    ['ليلى', 'layla'],
    ['يوسف', 'youssef'],
    ['مريم', 'maryam'],
  ],
  family: [
    ['حسن', 'hassan'],
    ['العلي', 'alali'],
    ['منصور', 'mansour'],
    ['الحداد', 'alhaddad'],
    ['خليل', 'khalil'],
  ],
};

const vietnamese: Culture = {
  weight: 2,
  familyFirst: true,
  given: ['Văn An', 'Minh Anh', 'Thu Trang', 'Đức Huy', 'Thị Hương'],
  family: ['Nguyễn', 'Trần', 'Lê', 'Phạm'],
};

export const CULTURES: readonly Culture[] = [
  english,
  global,
  european,
  cyrillic,
  chinese,
  japanese,
  korean,
  arabic,
  vietnamese,
];
