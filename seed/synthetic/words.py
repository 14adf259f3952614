"""The words synthetic records are made of: invented partner names, people, areas and notes.

Names mix scripts on purpose (Thai, Vietnamese, Arabic, Cyrillic), because the desk's real records do.
"""

SYLLABLES = (
    "al", "bel", "cor", "dan", "el", "fal", "gor", "han", "ist", "jor", "kel", "lan", "mor", "nor", "or",
    "pal", "quen", "ros", "sal", "tor", "ul", "val", "wes", "xan", "yor", "zel", "mar", "ten", "vir", "sen",
)
ENDINGS = ("ia", "land", "ania", "stan", "ora", "ica", "esh", "ovia", "eria", "and")
COUNTRY_STYLES = (
    "Republic of {}", "Kingdom of {}", "Federal Republic of {}", "State of {}", "Commonwealth of {}",
    "United Republic of {}", "Democratic Republic of {}", "Principality of {}",
)
ORGANISATION_STYLES = ("{} Regional Forum", "{} Development Bank", "{} Economic Community", "{} Cooperation Council")

FIRST_NAMES = (
    "Amina", "Budi", "Chen", "Dewi", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid", "Jamal", "Kanya", "Lukas",
    "Maria", "Nguyễn Thị", "Olumide", "Priya", "Quang", "Rashid", "Sofia", "Thanh", "Usman", "Valentina",
    "Wei", "Ximena", "Yusuf", "Zainab", "สมชาย", "Андрей", "فاطمة", "Siti", "Tomás", "Ayşe",
)
LAST_NAMES = (
    "Abdullah", "Bakker", "Chowdhury", "Dimitrov", "Estrada", "Fernando", "García", "Haddad", "Ibrahim",
    "Johansson", "Kowalski", "Lim", "Mensah", "Nakamura", "Okafor", "Park", "Qureshi", "Rahman", "Santos",
    "Tanaka", "Uddin", "Virtanen", "Wongsakul", "Xu", "Yilmaz", "Zhang", "Trần", "ใจดี", "Петров", "الحسن",
)
HONORIFICS = (None, None, "H.E.", "Dr", "Ms", "Mr", "Dato'", "Prof.")
PARTNER_TITLES = (
    "Ambassador", "Deputy Chief of Mission", "Minister-Counsellor", "Counsellor", "First Secretary",
    "Director-General for Regional Affairs", "Deputy Minister", "Trade Attaché",
)
OUR_TITLES = (
    "Director, External Relations", "Assistant Director", "Senior Officer", "Desk Officer", "Deputy Secretary-General",
    "Head of Partnerships Division",
)

PILLARS = ("Political-Security", "Economic", "Socio-Cultural", "Connectivity")
AREAS = (
    "Trade", "Investment", "Customs cooperation", "Standards and conformance", "Digital economy", "Energy",
    "Agriculture and food security", "Fisheries", "Tourism", "Transport", "Maritime cooperation",
    "Counter-terrorism", "Transnational crime", "Cybersecurity", "Disaster management", "Humanitarian assistance",
    "Education", "Higher education scholarships", "Culture and arts", "People-to-people exchanges", "Youth",
    "Health", "Public health emergencies", "Environment", "Climate change", "Science and technology",
    "Small and medium enterprises", "Women, peace and security", "Labour and migration", "Smart cities",
    "Narrowing the development gap", "Connectivity master plan", "Financial cooperation", "Competition policy",
    "Intellectual property", "Sports", "Media and information", "Rule of law", "Blue economy", "Space cooperation",
)
ACTION_VERBS = (
    "Hold a workshop on", "Exchange best practices on", "Develop a joint work plan for", "Fund a study of",
    "Organise a training course on", "Explore cooperation in", "Support capacity building in",
    "Convene an expert group on",
)
FOLLOW_UP_TASKS = (
    "Send the draft concept note on {}", "Circulate the summary record covering {}",
    "Confirm the experts for the {} workshop", "Share the project proposal on {}",
    "Reply to the partner's request on {}", "Arrange the next consultation on {}",
    "Submit the progress report on {}", "Nominate participants for the {} course",
)
PARTNER_OFFICES = ("Mission to the Secretariat", "Embassy in the capital", "Ministry of Foreign Affairs, Regional Desk")
VENUES = ("Jakarta", "Bangkok", "Kuala Lumpur", "Manila", "Singapore", "Hanoi", "Phnom Penh", "Vientiane",
          "Bandar Seri Begawan", "Yangon", "Geneva", "New York", "Tokyo", "Brussels", None)
NOTES = (
    "Reported at the committee meeting; activities continue as planned.",
    "Funding confirmed by the partner; first activity scheduled.",
    "Delayed pending the nomination of focal points.",
    "Partner requested a revised concept note.",
    "Completed; final report circulated to member states.",
    "No activity this period.",
)
SUMMARIES = (
    "Both sides reviewed progress in {} and agreed to accelerate implementation.",
    "The partner briefed on its priorities for {} and proposed new projects.",
    "Discussion focused on {}; the partner reaffirmed its support.",
)
