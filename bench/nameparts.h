/*
 * nameparts.h — name parts of eight naming cultures, for the synthetic
 * corpus (synth.c) and for the synthetic negatives of the evaluation
 * (variants.c).  Latin spellings are the ones lists and registries commonly
 * use (BGN/PCGN for Russian, the DPRK list system for Korean, pinyin for
 * Chinese).  The tables are written from general knowledge of the cultures,
 * not taken from any list, so a negative built from them is "realistic but
 * unlisted" by construction; variants.c still checks every negative against
 * the index.
 *
 * Header-only because the Makefile links each bench/ .c file program on its own.
 */
#ifndef BENCH_NAMEPARTS_H
#define BENCH_NAMEPARTS_H

#include <stddef.h>

#define NP_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum np_culture {
    NP_ANGLO = 0,
    NP_HISPANIC,
    NP_SLAVIC,
    NP_ARABIC,
    NP_KOREAN,
    NP_CHINESE,
    NP_TURKIC,
    NP_AFRICAN,
    NP_CULTURE_COUNT
};

static const char *const np_anglo_first[] = {
    "James", "John", "Robert", "Michael", "William", "David", "Richard",
    "Joseph", "Thomas", "Charles", "Christopher", "Daniel", "Matthew",
    "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
    "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward",
    "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
    "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin",
    "Samuel", "Gregory", "Frank", "Alexander", "Raymond", "Patrick", "Jack",
    "Dennis", "Jerry", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth",
    "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Betty",
    "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
    "Dorothy", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie",
    "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Angela",
    "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen",
    "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn",
    "Janet", "Catherine", "Maria", "Heather", "Diane", "Ruth", "Julie",
    "Olivia", "Joyce", "Virginia", "Victoria", "Kelly", "Lauren", "Christina",
    "Joan", "Evelyn", "Judith", "Megan", "Andrea", "Cheryl", "Hannah",
    "Jacqueline", "Martha", "Gloria", "Teresa", "Ann", "Sara", "Madison",
    "Frances", "Kathryn", "Janice", "Jean", "Abigail", "Alice", "Judy",
    "Sophia", "Grace", "Denise", "Amber", "Doris", "Marilyn", "Danielle",
    "Beverly", "Isabella", "Theresa", "Diana", "Natalie", "Brittany",
    "Charlotte", "Marie", "Kayla", "Alexis", "Lori", "Trevor", "Wayne",
    "Graham", "Nigel", "Colin", "Neil", "Ian", "Malcolm", "Gordon", "Stuart",
};
static const char *const np_anglo_last[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams",
    "Nelson", "Baker", "Hall", "Campbell", "Mitchell", "Carter", "Roberts",
    "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart",
    "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
    "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson",
    "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Hughes",
    "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell",
    "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Henderson",
    "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton",
    "Graham", "Wallace", "Woods", "Cole", "West", "Owens", "Marshall",
    "Ellis", "Harrison", "Gibson", "McDonald", "Murray", "Ford", "Wells",
    "Webb", "Tucker", "Porter", "Hunter", "Hicks", "Crawford", "Henry",
    "Boyd", "Mason", "Kennedy", "Warren", "Dixon", "Burns", "Gordon",
    "Shaw", "Holmes", "Rice", "Robertson", "Hunt", "Black", "Daniels",
    "Palmer", "Mills", "Nichols", "Grant", "Knight", "Ferguson", "Stone",
    "Hawkins", "Dunn", "Perkins", "Hudson", "Spencer", "Gardner", "Stephens",
    "Payne", "Pierce", "Berry", "Matthews", "Arnold", "Wagner", "Willis",
    "Ray", "Watkins", "Olson", "Carroll", "Duncan", "Snyder", "Hart",
    "Cunningham", "Bradley", "Lane", "Andrews", "Harper", "Fox", "Riley",
    "Armstrong", "Carpenter", "Weaver", "Greene", "Lawrence", "Elliott",
    "Chapman", "Fletcher", "Lambert", "Whitfield", "Ashworth", "Pemberton",
};
static const char *const np_hispanic_first[] = {
    "Jose", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Francisco",
    "Antonio", "Manuel", "Pedro", "Alejandro", "Ricardo", "Fernando",
    "Roberto", "Javier", "Rafael", "Sergio", "Eduardo", "Raul", "Mario",
    "Arturo", "Ramon", "Enrique", "Alberto", "Hector", "Oscar", "Victor",
    "Andres", "Diego", "Gustavo", "Hugo", "Ignacio", "Julio", "Pablo",
    "Rodrigo", "Salvador", "Tomas", "Gerardo", "Guillermo", "Ernesto",
    "Maria", "Guadalupe", "Juana", "Margarita", "Veronica", "Rosa", "Isabel",
    "Lucia", "Carmen", "Elena", "Teresa", "Patricia", "Alejandra", "Adriana",
    "Gabriela", "Claudia", "Silvia", "Beatriz", "Monica", "Laura", "Sofia",
    "Valentina", "Camila", "Daniela", "Fernanda", "Ximena", "Paola",
    "Leticia", "Mercedes", "Pilar", "Consuelo", "Dolores", "Esperanza",
    "Rocio", "Yolanda", "Araceli", "Marisol", "Gonzalo", "Emilio", "Esteban",
};
static const char *const np_hispanic_last[] = {
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
    "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez",
    "Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutierrez", "Chavez",
    "Ramos", "Ruiz", "Alvarez", "Mendoza", "Vasquez", "Castillo", "Jimenez",
    "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Guzman",
    "Mendez", "Salazar", "Soto", "Delgado", "Pena", "Rios", "Castro",
    "Contreras", "Sandoval", "Ortega", "Estrada", "Nunez", "Maldonado",
    "Dominguez", "Vega", "Figueroa", "Cortes", "Cabrera", "Campos", "Fuentes",
    "Carrillo", "Espinoza", "Navarro", "Ayala", "Lara", "Valdez", "Rosales",
    "Zamora", "Pacheco", "Trujillo", "Velasquez", "Salinas", "Cervantes",
    "Ibarra", "Arellano", "Villanueva", "Bautista", "Montoya", "Ochoa",
    "Escobar", "Quintero", "Benitez", "Cardenas", "Murillo", "Barrera",
    "Solis", "Bermudez", "Zuniga", "Galindo", "Arroyo", "Beltran", "Cisneros",
    "Padilla", "Tapia", "Serrano", "Olivares", "Camacho", "Miranda", "Valencia",
};
/* Russian and Ukrainian, BGN/PCGN spelling; surnames are built from roots
 * and suffixes in synth.c (Ivan + ov -> Ivanov). */
static const char *const np_slavic_first_m[] = {
    "Aleksandr", "Sergey", "Vladimir", "Dmitriy", "Andrey", "Aleksey",
    "Nikolay", "Yevgeniy", "Mikhail", "Igor", "Yuriy", "Oleg", "Viktor",
    "Pavel", "Roman", "Maksim", "Konstantin", "Anatoliy", "Vitaliy",
    "Valeriy", "Gennadiy", "Boris", "Vyacheslav", "Denis", "Ruslan", "Artem",
    "Ilya", "Kirill", "Stanislav", "Vadim", "Leonid", "Grigoriy", "Petr",
    "Fedor", "Stepan", "Timur", "Arkadiy", "Eduard", "Valentin", "Vasiliy",
    "Oleksandr", "Volodymyr", "Serhiy", "Mykola", "Dmytro", "Yevhen",
    "Mykhaylo", "Petro", "Bohdan", "Taras", "Yaroslav", "Ihor", "Vitaliy",
};
static const char *const np_slavic_first_f[] = {
    "Yelena", "Olga", "Tatyana", "Natalya", "Irina", "Svetlana", "Anna",
    "Marina", "Lyudmila", "Galina", "Yuliya", "Oksana", "Larisa", "Nadezhda",
    "Valentina", "Vera", "Lyubov", "Anastasiya", "Yekaterina", "Mariya",
    "Darya", "Polina", "Kseniya", "Alla", "Zoya", "Nina", "Raisa",
};
static const char *const np_slavic_root[] = {
    "Ivan", "Petr", "Smirn", "Kuznets", "Popov", "Vasil", "Sokol", "Mikhayl",
    "Novik", "Fedor", "Morozov", "Volkov", "Aleks", "Lebed", "Semen",
    "Yegor", "Pavl", "Kozl", "Stepan", "Nikolay", "Orl", "Andrey", "Makar",
    "Nikit", "Zakhar", "Zaytsev", "Solovy", "Borisov", "Yakovl", "Grigory",
    "Roman", "Vorobyev", "Sergey", "Kuzmin", "Frolov", "Aleksandr", "Dmitriy",
    "Korolev", "Gusev", "Kiselev", "Ilyin", "Maksim", "Polyak", "Sorok",
    "Vinogrado", "Kovalev", "Belov", "Medvedev", "Antonov", "Tarasov",
    "Zhukov", "Baranov", "Filippov", "Komarov", "Davydov", "Belyayev",
    "Gerasim", "Bogdan", "Osip", "Sidor", "Matvey", "Tikhon", "Abram",
    "Kotl", "Gorbun", "Kravch", "Shevch", "Bondar", "Tkach", "Kovalch",
    "Marchen", "Lysen", "Rudn", "Savch", "Shap", "Tereshch", "Yarosh",
    "Zhuravl", "Chern", "Bel", "Krasn", "Zolot", "Serebr", "Medv", "Lis",
    "Bobr", "Orekh", "Goloven", "Deryab", "Kalash", "Tsvetk", "Shcherb",
};
static const char *const np_slavic_suffix[] = {
    "ov", "ev", "in", "enko", "skiy", "chuk", "yuk", "ovich", "ovskiy", "yn",
    "ko", "ets", "tsov", "nikov", "ichev",
};
static const char *const np_arabic_first[] = {
    "Muhammad", "Ahmad", "Ali", "Hasan", "Husayn", "Umar", "Uthman",
    "Khalid", "Mahmud", "Mustafa", "Yusuf", "Ibrahim", "Ismail", "Hamid",
    "Hamza", "Jamal", "Karim", "Khalil", "Nasir", "Rashid", "Said", "Salim",
    "Sulayman", "Tariq", "Walid", "Yasin", "Zayd", "Faysal", "Jabir", "Musa",
    "Isa", "Yahya", "Abbas", "Adil", "Amin", "Anwar", "Ayman", "Bakr",
    "Hadi", "Hakim", "Haydar", "Hashim", "Idris", "Jafar", "Kamal", "Majid",
    "Mansur", "Marwan", "Masud", "Munir", "Murad", "Nabil", "Qasim", "Rafiq",
    "Sami", "Sharif", "Tahir", "Usama", "Zakariya", "Fadil", "Ghazi", "Habib",
    "Ihsan", "Imad", "Jawad", "Kazim", "Luay", "Mazin", "Nizar", "Qusay",
    "Radwan", "Samir", "Shakir", "Talal", "Wael", "Yazid", "Ziyad",
    "Abd al-Rahman", "Abd al-Aziz", "Abd al-Karim", "Abd al-Qadir",
    "Abd al-Latif", "Abd al-Hamid", "Abdallah", "Abd al-Majid", "Abd al-Salam",
    "Abu Bakr",
};
static const char *const np_arabic_first_f[] = {
    "Fatima", "Aisha", "Khadija", "Maryam", "Zaynab", "Layla", "Nadia", "Huda",
    "Salma", "Amina", "Rania", "Dalia", "Hanan", "Iman", "Noura", "Samira",
    "Yasmin",
};
static const char *const np_arabic_family[] = {
    "al-Tamimi", "al-Shammari", "al-Dulaimi", "al-Jubouri", "al-Masri",
    "al-Baghdadi", "al-Halabi", "al-Hashimi", "al-Qurashi", "al-Zahrani",
    "al-Ghamdi", "al-Otaibi", "al-Harbi", "al-Mutairi", "al-Qahtani",
    "al-Anazi", "al-Rashidi", "al-Kuwari", "al-Marri", "al-Nuaimi",
    "al-Suwaidi", "al-Mansouri", "al-Hamadi", "al-Kaabi", "al-Balushi",
    "al-Zubaidi", "al-Obeidi", "al-Rubaie", "al-Khafaji", "al-Saadi",
    "al-Tikriti", "al-Ani", "al-Hadithi", "al-Karbouli", "al-Issawi",
    "Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Darwish", "Farouk",
    "Hijazi", "Khatib", "Najjar", "Sabbagh", "Shami", "Tawil", "Yassin",
    "Zaidan", "Barakat", "Bitar", "Hamdan", "Jaber", "Karam", "Maalouf",
    "Qasim", "Rahal", "Sarkis", "Taha", "Awad", "Bakri", "Daher", "Fakhoury",
};
/* Korean, DPRK list system: one surname syllable + two given syllables. */
static const char *const np_korean_surname[] = {
    "Kim", "Kim", "Kim", "Ri", "Ri", "Pak", "Pak", "Choe", "Jong", "Kang",
    "Jo", "Yun", "Jang", "Han", "O", "Hwang", "Ryu", "Rim", "Ro", "Ryang",
    "Sin", "Jon", "Mun", "Thae", "Hyon", "Son", "Song", "Chu", "Paek",
    "Kwon", "Ho", "Cha", "Ko", "Kye", "Nam", "Yu", "Ju", "Bang", "Kil",
};
static const char *const np_korean_given[] = {
    "Chol", "Il", "Song", "Hyok", "Yong", "Ryong", "Myong", "Kyong", "Hui",
    "Jun", "Su", "Ho", "Nam", "Chun", "Sun", "Gum", "Sok", "Hak", "Man",
    "Kwang", "Hyo", "Min", "Jin", "Hun", "Dok", "Pyong", "Bong", "Dong",
    "Hwa", "Ok", "Ae", "Mi", "Ran", "Sil", "Chang", "Jae", "Yon", "Gil",
    "Thaek", "Chan", "Sang", "Bok", "Rak", "Ryol", "Hyong", "Gi", "Hae",
    "Se", "Sop", "Sik", "Chung", "Ik", "Ung", "Guk", "Gu", "Do", "Hong",
    "Un", "Jong", "Ryon", "Mu", "Sam", "Chon", "Gyong", "Ryul", "Tae",
};
static const char *const np_chinese_surname[] = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
    "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao",
    "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai",
    "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren",
    "Shen", "Yao", "Jin", "Fu", "Tan", "Qian", "Bai", "Kong", "Mao", "Qiu",
};
static const char *const np_chinese_given[] = {
    "Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang",
    "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Xiu", "Ying", "Hua",
    "Hui", "Gang", "Ping", "Hong", "Bin", "Bo", "Feng", "Xin", "Lin", "Hai",
    "Dong", "Zhen", "Kai", "Long", "Xiang", "Wen", "Hao", "Yu", "Jian",
    "Guo", "Zhi", "Qing", "Rong", "Lan", "Mei", "Xia", "Yun", "Shan", "Peng",
    "Fei", "Liang", "Cheng", "Sheng", "Tian", "Ning", "Jia", "Hao", "Zhong",
};
static const char *const np_turkic_first[] = {
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Huseyin", "Hasan", "Ibrahim",
    "Ismail", "Osman", "Yusuf", "Murat", "Omer", "Ramazan", "Halil",
    "Suleyman", "Abdullah", "Mahmut", "Recep", "Emre", "Burak", "Serkan",
    "Kemal", "Orhan", "Tarik", "Volkan", "Cengiz", "Erdem", "Baris", "Kaan",
    "Nursultan", "Askar", "Timur", "Rustam", "Farkhod", "Dilshod", "Bakhtiyor",
    "Ulugbek", "Aziz", "Sherzod", "Azamat", "Bekzat", "Daniyar", "Yerlan",
    "Ayse", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Gulnara",
    "Aigerim", "Dilnoza", "Madina", "Saule", "Zarina", "Nilufar", "Aliya",
};
static const char *const np_turkic_last[] = {
    "Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim",
    "Ozturk", "Aydin", "Ozdemir", "Arslan", "Dogan", "Kilic", "Aslan",
    "Cetin", "Kara", "Koc", "Kurt", "Ozkan", "Simsek", "Polat", "Korkmaz",
    "Karaca", "Erdogan", "Bulut", "Guler", "Tekin", "Aksoy", "Unal", "Tas",
    "Nazarbayev", "Tokayev", "Aliyev", "Mammadov", "Karimov", "Rakhimov",
    "Yusupov", "Tashkentov", "Abdullayev", "Ismoilov", "Nurmatov",
    "Saidov", "Kasymov", "Zhumabekov", "Seitkali", "Baimukhamedov",
    "Dzhaksybekov", "Ermekov", "Kuanyshev", "Omarov", "Bekov", "Sultanov",
    "Usmanov", "Khodjayev", "Mirzayev", "Rasulov", "Tursunov", "Akhmedov",
};
static const char *const np_african_first[] = {
    "Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Ama", "Akosua", "Abena",
    "Chinedu", "Chukwuemeka", "Emeka", "Obinna", "Ngozi", "Chiamaka",
    "Oluwaseun", "Olumide", "Babatunde", "Adebayo", "Funmilayo", "Yetunde",
    "Tunde", "Ifeanyi", "Uchenna", "Nnamdi", "Aminu", "Musa", "Ibrahim",
    "Sani", "Abubakar", "Usman", "Bello", "Haruna", "Garba", "Lamine",
    "Moussa", "Mamadou", "Ousmane", "Cheikh", "Abdoulaye", "Amadou",
    "Fatou", "Aminata", "Mariama", "Aissatou", "Thabo", "Sipho", "Themba",
    "Mandla", "Nomsa", "Zanele", "Lindiwe", "Tendai", "Tatenda", "Farai",
    "Chipo", "Kagiso", "Tshepo", "Wanjiru", "Kamau", "Njoroge", "Otieno",
    "Achieng", "Wambui", "Jomo", "Kipchoge", "Tesfaye", "Haile", "Abebe",
};
static const char *const np_african_last[] = {
    "Mensah", "Boateng", "Asante", "Owusu", "Osei", "Appiah", "Agyeman",
    "Okafor", "Okonkwo", "Eze", "Nwosu", "Obi", "Chukwu", "Adeyemi",
    "Adeleke", "Ogunleye", "Balogun", "Olawale", "Afolabi", "Bankole",
    "Abdullahi", "Bello", "Danjuma", "Yakubu", "Lawal", "Suleiman", "Diallo",
    "Traore", "Coulibaly", "Diop", "Ndiaye", "Sow", "Toure", "Keita",
    "Camara", "Sylla", "Cisse", "Kone", "Dlamini", "Nkosi", "Ndlovu",
    "Khumalo", "Mokoena", "Mahlangu", "Zulu", "Moyo", "Ncube", "Sibanda",
    "Mutasa", "Chikwanha", "Banda", "Phiri", "Mwale", "Kariuki", "Mwangi",
    "Ochieng", "Kiprotich", "Wafula", "Mutua", "Tesfaye", "Bekele", "Girma",
    "Haile", "Mekonnen", "Alemu", "Tadesse", "Kebede", "Worku", "Desta",
};

/* Company names: a root word of the culture, an activity word, a legal
 * form typical of its jurisdiction. */
static const char *const np_company_root[NP_CULTURE_COUNT][24] = {
    [NP_ANGLO] = {"Northfield", "Bridgewater", "Redstone", "Silverline",
                  "Oakmont", "Bluewater", "Kingsbury", "Crestview", "Harbor",
                  "Summit", "Pinnacle", "Ironwood", "Westbrook", "Eastgate",
                  "Fairview", "Highland", "Lakeside", "Meridian", "Granite",
                  "Sterling", "Atlas", "Beacon", "Cardinal", "Evergreen"},
    [NP_HISPANIC] = {"Andina", "Del Sol", "Montealto", "Rioverde",
                     "Sierra Nevada", "Costa Azul", "La Esperanza",
                     "San Miguel", "Santa Fe", "Los Alamos", "Valle Grande",
                     "Aguila", "Condor", "Puerta Real", "Alborada",
                     "Tierra Firme", "El Dorado", "Nuevo Horizonte", "Cumbre",
                     "Mar Azul", "Ibérica", "Pampa", "Altiplano", "Caribe"},
    [NP_SLAVIC] = {"Vostok", "Sever", "Almaz", "Rubin", "Granit", "Sibir",
                   "Ural", "Volga", "Baykal", "Neva", "Kama", "Zarya", "Rassvet",
                   "Avangard", "Progress", "Energiya", "Tekhnologiya",
                   "Stroy", "Impuls", "Kristall", "Polyus", "Yantar", "Sokol",
                   "Orion"},
    [NP_ARABIC] = {"Al Noor", "Al Amal", "Al Khaleej", "Al Fajr", "Al Huda",
                   "Al Rayan", "Al Salam", "Al Baraka", "Al Zahra", "Al Hilal",
                   "Al Waha", "Al Manara", "Al Sharq", "Al Jazira", "Al Yamama",
                   "Al Nahda", "Dar Al Maal", "Al Rawda", "Al Ittihad",
                   "Al Wafa", "Al Tawfiq", "Al Khair", "Al Majd", "Al Safa"},
    [NP_KOREAN] = {"Korea Ryonhap", "Chosun Kumgang", "Paektusan",
                   "Kwangmyong", "Mansudae", "Taedonggang", "Chollima",
                   "Ryugyong", "Kumsusan", "Unha", "Haebit", "Saebyol",
                   "Moranbong", "Pyongchon", "Rungra", "Songbong", "Myohyang",
                   "Kaesong", "Sinhung", "Taeryong", "Ryonha", "Hwasong",
                   "Sonbong", "Tumangang"},
    [NP_CHINESE] = {"Huaxin", "Zhongtian", "Jinlong", "Hongda", "Xinhua",
                    "Tianli", "Dongfang", "Huayang", "Changjiang", "Jiahe",
                    "Haitong", "Shengda", "Ruixiang", "Fuxing", "Yuantai",
                    "Guanghui", "Hengtai", "Minsheng", "Weida", "Zhongxing",
                    "Baoli", "Jintai", "Longteng", "Xingyuan"},
    [NP_TURKIC] = {"Anadolu", "Bosphorus", "Karadeniz", "Toros", "Ege",
                   "Akdeniz", "Yildiz", "Altin", "Demirtas", "Kartal",
                   "Turan", "Altay", "Kazakh Temir", "Samruk", "Tengri",
                   "Ak Zhol", "Sayakhat", "Navoi", "Ipak Yoli", "Registon",
                   "Caspian", "Aral", "Otrar", "Khiva"},
    [NP_AFRICAN] = {"Sahel", "Kilimanjaro", "Zambezi", "Limpopo", "Savanna",
                    "Ubuntu", "Harambee", "Jamhuri", "Akwaaba", "Sankofa",
                    "Obuasi", "Lagos Bay", "Benue", "Niger Delta", "Atlas",
                    "Kalahari", "Serengeti", "Victoria Falls", "Okavango",
                    "Tana", "Volta", "Kasai", "Sokoto", "Kano"},
};
static const char *const np_company_activity[] = {
    "Trading", "Shipping", "Logistics", "Petroleum", "Mining", "Textiles",
    "Construction", "Engineering", "Electronics", "Chemicals", "Metals",
    "Agro", "Foods", "Pharmaceuticals", "Energy", "Marine", "Aviation",
    "Investment", "Holding", "Import Export", "Technologies", "Industrial",
    "Steel", "Fisheries", "Machinery", "Equipment", "Resources", "Capital",
    "Transport", "Development", "Minerals", "Telecom", "Security", "Tobacco",
};
static const char *const np_company_legal[NP_CULTURE_COUNT][4] = {
    [NP_ANGLO] = {"LLC", "Inc.", "Ltd.", "Corporation"},
    [NP_HISPANIC] = {"S.A.", "S.L.", "S.A. de C.V.", "Ltda."},
    [NP_SLAVIC] = {"OOO", "AO", "LLC", "JSC"},
    [NP_ARABIC] = {"LLC", "FZE", "Co. W.L.L.", "Est."},
    [NP_KOREAN] = {"Co., Ltd.", "Corporation", "General Corporation", "Company"},
    [NP_CHINESE] = {"Co., Ltd.", "Limited", "Group Co., Ltd.", "Corporation"},
    [NP_TURKIC] = {"A.S.", "Ltd. Sti.", "LLP", "JSC"},
    [NP_AFRICAN] = {"Ltd", "(Pty) Ltd", "PLC", "Limited"},
};
/* ISO 3166-1 alpha-2 codes where each culture's names are common. */
static const char *const np_countries[NP_CULTURE_COUNT][5] = {
    [NP_ANGLO] = {"us", "gb", "ca", "au", "ie"},
    [NP_HISPANIC] = {"mx", "co", "ve", "es", "ar"},
    [NP_SLAVIC] = {"ru", "ua", "by", "ru", "kz"},
    [NP_ARABIC] = {"sy", "iq", "ae", "lb", "sa"},
    [NP_KOREAN] = {"kp", "kp", "kp", "cn", "ru"},
    [NP_CHINESE] = {"cn", "hk", "sg", "tw", "my"},
    [NP_TURKIC] = {"tr", "kz", "uz", "az", "kg"},
    [NP_AFRICAN] = {"ng", "gh", "za", "ke", "sn"},
};

#endif /* BENCH_NAMEPARTS_H */
