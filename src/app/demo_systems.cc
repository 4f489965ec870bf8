// The demo's system maps and register: for every Neighbourhood for Learning an actor map (44 to 80 actors), a
// causal factor map drawn around its topic for action and a register of 15 to 36 activities and actions across
// the four domains. Illustrative, generated from a fixed seed: no real people, organisations named by what they
// are. Everything is marked as such (activity.illustrative; the dataset's name).

#include <array>
#include <map>
#include <random>

#include "app/places_internal.h"
#include "app/systems_internal.h"
#include "core/text.h"
#include "store/meta.h"
#include "store/places.h"
#include "store/system_maps.h"

namespace nrs::app {
namespace {

using Rng = std::mt19937_64;

int Uniform(Rng& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }
bool Chance(Rng& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
template <typename T, std::size_t N>
const T& Pick(Rng& rng, const std::array<T, N>& items) {
  return items[static_cast<std::size_t>(Uniform(rng, 0, static_cast<int>(N) - 1))];
}

// Organisations of each sector, named by what they are.
struct SectorSpec {
  const char* sector;
  std::array<const char*, 4> organisations;
  std::array<const char*, 2> people;  // roles of people in the sector
  int min, max;
};

constexpr std::array<SectorSpec, 10> kSectors = {{
    {"residents' group",
     {"Tenants' and residents' association", "Friends of the park", "Community allotment group", "Street watch group"},
     {"community group", "community group"},
     2,
     4},
    {"council",
     {"Neighbourhood services", "Public health team", "Environmental health", "Community safety partnership"},
     {"council officer", "programme lead"},
     4,
     6},
    {"elected member",
     {"Ward councillors' surgery", "Ward councillors' surgery", "Ward councillors' surgery",
      "Ward councillors' surgery"},
     {"councillor", "councillor"},
     2,
     3},
    {"police",
     {"Neighbourhood policing team", "Neighbourhood policing team", "Neighbourhood policing team",
      "Neighbourhood policing team"},
     {"police community support officer", "police officer"},
     1,
     2},
    {"health",
     {"GP practice", "Health visiting team", "Community pharmacy", "Social prescribing service"},
     {"social prescriber", "health visitor"},
     2,
     4},
    {"housing",
     {"Housing association", "Private landlords' forum", "Home improvement agency", "Letting agent"},
     {"housing officer", "landlord"},
     2,
     3},
    {"voluntary and community",
     {"Community centre", "Food bank", "Credit union", "Advice centre"},
     {"CoReN facilitator", "volunteer coordinator"},
     4,
     7},
    {"business",
     {"High street traders' group", "Local supermarket", "Social enterprise café", "Small employers' network"},
     {"shop owner", "employer"},
     2,
     4},
    {"education",
     {"Primary school", "Secondary school", "Further education college", "Children's centre"},
     {"head teacher", "family support worker"},
     1,
     3},
    {"faith",
     {"Parish church", "Mosque", "Methodist chapel", "Faith food network"},
     {"faith leader", "faith leader"},
     1,
     2},
}};

constexpr std::array<const char*, 6> kTieTypes = {"information", "money",      "service delivery",
                                                  "partnership", "membership", "influence"};

systems::Network ActorMap(Rng& rng) {
  systems::Network map;
  map.directed = true;
  const auto add = [&](std::string id, std::string kind, std::string label, std::string sector, std::string role) {
    systems::Node n;
    n.id = std::move(id);
    n.kind = std::move(kind);
    n.label = std::move(label);
    n.group = std::move(sector);
    n.role = std::move(role);
    n.influence = std::round(std::uniform_real_distribution<double>(0.1, 1.0)(rng) * 10) / 10;
    map.nodes.push_back(std::move(n));
  };
  int next = 1;
  const auto id = [&] { return fmt::format("A{}", next++); };
  // Residents: Resident Advisers (7 to 12, as the programme recruited), oversight-group members, residents.
  const int advisers = Uniform(rng, 7, 12);
  const int residents = Uniform(rng, 4, 10);
  for (int i = 1; i <= advisers; ++i) {
    add(id(), "person", fmt::format("Resident Adviser {}", i), "resident",
        i <= 3 ? "Resident Adviser; oversight group member" : "Resident Adviser");
  }
  for (int i = 1; i <= residents; ++i) add(id(), "person", fmt::format("Resident {}", i), "resident", "resident");
  for (const SectorSpec& s : kSectors) {
    const int organisations = Uniform(rng, s.min, s.max);
    for (int i = 0; i < organisations; ++i) {
      add(id(), "organisation", s.organisations[static_cast<std::size_t>(i) % 4], s.sector, "partner");
    }
    const int people = Uniform(rng, 1, 2);
    for (int i = 0; i < people; ++i) {
      const std::string role = s.people[static_cast<std::size_t>(i) % 2];
      const bool oversight = i == 0 && (std::string_view(s.sector) == "council" ||
                                        std::string_view(s.sector) == "voluntary and community");
      add(id(), "person", fmt::format("{} {}", role, i + 1), s.sector,
          oversight ? role + "; oversight group member" : role);
    }
  }
  // Ties: mostly to the organisations that anchor the programme (the community centre hosting the facilitator,
  // the council's neighbourhood services), some within sectors, a few across; most predate the programme,
  // some were made during it (so maps of different dates differ), a few ended.
  const int n = static_cast<int>(map.nodes.size());
  std::vector<int> hubs;
  for (int i = 0; i < n; ++i) {
    const auto& node = map.nodes[static_cast<std::size_t>(i)];
    if (node.label == "Community centre" || node.label == "Neighbourhood services" ||
        node.role == "CoReN facilitator 1" || node.role.starts_with("CoReN facilitator")) {
      hubs.push_back(i);
    }
  }
  std::set<std::pair<int, int>> seen;
  for (int i = 0; i < n; ++i) {
    const int ties = Uniform(rng, 1, 4);
    for (int t = 0; t < ties; ++t) {
      int j = Chance(rng, 0.45) && !hubs.empty()
                  ? hubs[static_cast<std::size_t>(Uniform(rng, 0, static_cast<int>(hubs.size()) - 1))]
                  : Uniform(rng, 0, n - 1);
      if (j == i || seen.contains({std::min(i, j), std::max(i, j)})) continue;
      seen.insert({std::min(i, j), std::max(i, j)});
      systems::Edge e;
      e.source = map.nodes[static_cast<std::size_t>(i)].id;
      e.target = map.nodes[static_cast<std::size_t>(j)].id;
      e.mutual = Chance(rng, 0.6);
      e.type = Pick(rng, kTieTypes);
      e.weight = Uniform(rng, 1, 3);
      const bool during = Chance(rng, 0.3);
      e.valid_from = during ? fmt::format("2019-{:02}-01", Uniform(rng, 1, 12))
                            : fmt::format("{}-{:02}-01", Uniform(rng, 2012, 2017), Uniform(rng, 1, 12));
      if (!during && Chance(rng, 0.08)) e.valid_to = fmt::format("2018-{:02}-28", Uniform(rng, 1, 12));
      e.recorded_by = "CoReN facilitator (illustrative)";
      map.edges.push_back(std::move(e));
    }
  }
  return map;
}

// Causal factor maps by the domain of the neighbourhood's topic for action: factors (id, label, domain,
// indicator) and signed links, drawn so that reinforcing and balancing loops both appear.
struct FactorSpec {
  const char* id;
  const char* label;
  const char* domain;
  const char* indicator;
};
struct LinkSpec {
  const char* from;
  const char* to;
  int sign;
};
struct FactorTemplate {
  const char* domain;
  std::vector<FactorSpec> factors;
  std::vector<LinkSpec> links;
};

const std::vector<FactorTemplate>& Templates() {
  static const std::vector<FactorTemplate> kTemplates = {
      {"community governance",
       {{"F1", "Residents feel able to influence decisions", "community governance", ""},
        {"F2", "Attendance at residents' meetings", "community governance", ""},
        {"F3", "Council responsiveness to reports", "community governance", ""},
        {"F4", "Litter and fly-tipping", "living environment", "livingenv2019-rank"},
        {"F5", "Pride in the area", "social relationships", ""},
        {"F6", "Problems reported by residents", "community governance", ""},
        {"F7", "Trust in the council", "community governance", ""},
        {"F8", "Quality of private rented housing", "living environment", "iod2019-poor-condition-housing"},
        {"F9", "Enforcement against poor landlords", "living environment", ""},
        {"F10", "Turnover of residents", "social relationships", ""},
        {"F11", "Knowing the neighbours", "social relationships", ""}},
       {{"F1", "F2", 1},
        {"F2", "F1", 1},
        {"F6", "F3", 1},
        {"F3", "F4", -1},
        {"F4", "F5", -1},
        {"F5", "F6", 1},
        {"F4", "F6", 1},
        {"F3", "F7", 1},
        {"F7", "F6", 1},
        {"F7", "F1", 1},
        {"F9", "F8", 1},
        {"F8", "F10", -1},
        {"F10", "F11", -1},
        {"F11", "F5", 1},
        {"F5", "F2", 1},
        {"F2", "F9", 1},
        {"F4", "F10", 1}}},
      {"living environment",
       {{"F1", "Condition of private rented homes", "living environment", "iod2019-poor-condition-housing"},
        {"F2", "Damp and cold homes", "living environment", "iod2019-no-central-heating"},
        {"F3", "Respiratory illness", "overall", "iod2019-acute-morbidity"},
        {"F4", "Landlord licensing and inspection", "community governance", ""},
        {"F5", "Tenants reporting disrepair", "community governance", ""},
        {"F6", "Fear of eviction", "economic systems", ""},
        {"F7", "Fuel poverty", "economic systems", "income-deprivation-rate"},
        {"F8", "Days off work or school", "economic systems", ""},
        {"F9", "Household income", "economic systems", "income-deprivation-rate"},
        {"F10", "Advice on tenants' rights", "community governance", ""}},
       {{"F1", "F2", -1},
        {"F2", "F3", 1},
        {"F3", "F8", 1},
        {"F8", "F9", -1},
        {"F9", "F7", -1},
        {"F7", "F2", 1},
        {"F4", "F1", 1},
        {"F5", "F4", 1},
        {"F4", "F6", 1},
        {"F6", "F5", -1},
        {"F10", "F6", -1},
        {"F10", "F5", 1},
        {"F3", "F5", 1},
        {"F9", "F1", 1}}},
      {"economic systems",
       {{"F1", "Household debt", "economic systems", "income-deprivation-rate"},
        {"F2", "Use of high-cost credit", "economic systems", ""},
        {"F3", "Access to the credit union", "economic systems", ""},
        {"F4", "Money worries and anxiety", "overall", "iod2019-mood-anxiety"},
        {"F5", "Spending in local shops", "economic systems", ""},
        {"F6", "Footfall on the high street", "economic systems", ""},
        {"F7", "Empty shop units", "living environment", ""},
        {"F8", "Local jobs", "economic systems", "employment-deprivation-rate"},
        {"F9", "Advice on debt and benefits", "economic systems", ""},
        {"F10", "Traffic and air pollution", "living environment", "iod2019-air-quality"},
        {"F11", "People walking to the shops", "living environment", ""}},
       {{"F1", "F2", 1},
        {"F2", "F1", 1},
        {"F3", "F2", -1},
        {"F1", "F4", 1},
        {"F4", "F9", 1},
        {"F9", "F1", -1},
        {"F1", "F5", -1},
        {"F5", "F6", 1},
        {"F6", "F7", -1},
        {"F7", "F6", -1},
        {"F6", "F8", 1},
        {"F8", "F1", -1},
        {"F10", "F11", -1},
        {"F11", "F6", 1},
        {"F6", "F10", 1}}},
      {"social relationships",
       {{"F1", "Social isolation", "social relationships", ""},
        {"F2", "Participation in groups and clubs", "social relationships", ""},
        {"F3", "Bus services and transport links", "living environment", "iod2019-distance-gp"},
        {"F4", "Volunteering", "social relationships", ""},
        {"F5", "Loneliness among older people", "social relationships", "idaopi-rate"},
        {"F6", "Low mood", "overall", "iod2019-mood-anxiety"},
        {"F7", "Places to meet", "living environment", ""},
        {"F8", "Befriending visits", "social relationships", ""},
        {"F9", "Confidence to go out", "social relationships", ""},
        {"F10", "Funding for community groups", "economic systems", ""}},
       {{"F1", "F6", 1},
        {"F6", "F9", -1},
        {"F9", "F2", 1},
        {"F2", "F1", -1},
        {"F3", "F2", 1},
        {"F2", "F4", 1},
        {"F4", "F8", 1},
        {"F8", "F5", -1},
        {"F5", "F1", 1},
        {"F7", "F2", 1},
        {"F2", "F10", 1},
        {"F10", "F7", 1},
        {"F4", "F2", 1},
        {"F1", "F9", -1}}},
  };
  return kTemplates;
}

systems::Network FactorMap(std::string_view domain, const std::string& topic) {
  const FactorTemplate* chosen = &Templates().front();
  for (const FactorTemplate& t : Templates()) {
    if (t.domain == domain) chosen = &t;
  }
  systems::Network map;
  map.directed = true;
  for (const FactorSpec& f : chosen->factors) {
    systems::Node n;
    n.id = f.id;
    n.label = f.label;
    n.domains = {f.domain};
    n.indicator = f.indicator;
    map.nodes.push_back(std::move(n));
  }
  // The topic itself, as the group named it, acting on the first factor.
  systems::Node topic_node;
  topic_node.id = "T1";
  topic_node.label = fmt::format("Topic for action: {}", topic);
  topic_node.domains = {std::string(domain)};
  map.nodes.push_back(std::move(topic_node));
  for (const LinkSpec& l : chosen->links) {
    systems::Edge e;
    e.source = l.from;
    e.target = l.to;
    e.sign = l.sign;
    e.recorded_by = "oversight group event (illustrative)";
    map.edges.push_back(std::move(e));
  }
  systems::Edge topic_link;
  topic_link.source = "T1";
  topic_link.target = "F1";
  topic_link.sign = 1;
  topic_link.recorded_by = "oversight group event (illustrative)";
  map.edges.push_back(std::move(topic_link));
  return map;
}

// Activities (already running) and the actions of the programme, by domain.
struct RegisterSpec {
  const char* domain;
  std::array<const char*, 8> activities;
  std::array<const char*, 4> actions;
  const char* affects;  // a domain its actions are often reported to affect
  const char* indicator;
};

constexpr std::array<RegisterSpec, 4> kRegister = {{
    {"living environment",
     {"Street cleansing rota", "Bulky waste collection", "Selective licensing of private landlords",
      "Healthy homes visits", "Park improvement group", "Alley-gating scheme", "Tree planting", "Home energy advice"},
     {"Report-it cards for fly-tipping", "Joint landlord inspections with residents", "Clean-up days led by residents",
      "Air quality monitors outside the school"},
     "social relationships",
     "iod2019-poor-condition-housing"},
    {"economic systems",
     {"Debt and welfare advice sessions", "Credit union collection point", "Food bank", "Job club",
      "Apprenticeships with local employers", "Shop local card", "Living wage campaign", "Small business advice"},
     {"Advice sessions moved to the school gate", "Loan shark awareness with trading standards",
      "Local purchasing by the council's contractors", "Pop-up shop in an empty unit"},
     "social relationships",
     "income-deprivation-rate"},
    {"social relationships",
     {"Lunch club for older people", "Community choir", "Befriending service", "Youth club", "Walking group",
      "Community arts project", "Volunteer centre", "Parent and toddler group"},
     {"Community transport to the lunch club", "Intergenerational reading scheme", "Welcome pack for new residents",
      "Men's shed"},
     "community governance",
     "idaopi-rate"},
    {"community governance",
     {"Ward forum", "Tenants' and residents' association", "Participatory budgeting round", "Neighbourhood plan group",
      "Police and communities together meeting", "School governors' vacancies promoted", "Community newsletter",
      "Local oversight group"},
     {"Residents on the housing board", "Council 'you said, we did' noticeboard", "Co-designed bin collection changes",
      "Resident Advisers at the ward forum"},
     "living environment",
     ""},
}};

Status Register(store::Transaction& tx, Rng& rng, std::int64_t neighbourhood, const systems::Network& actors,
                const std::string& created_at, bool thin_governance) {
  constexpr std::array<const char*, 5> kActivityStatus = {"under way", "under way", "under way", "done", "stopped"};
  constexpr std::array<const char*, 4> kActionStatus = {"proposed", "planned", "under way", "done"};
  std::vector<std::string> organisations;
  for (const systems::Node& n : actors.nodes) {
    if (n.kind == "organisation") organisations.push_back(n.id);
  }
  NRS_ASSIGN_OR_RETURN(const auto catalogue, store::LoadCatalogue(tx));
  const auto known = [&](const char* key) {
    return std::any_of(catalogue.begin(), catalogue.end(), [&](const auto& s) { return s.indicator.key == key; });
  };
  for (const RegisterSpec& spec : kRegister) {
    const bool governance = std::string_view(spec.domain) == "community governance";
    const int activities = governance && thin_governance ? 0 : Uniform(rng, 4, 6);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < activities; ++i) {
      store::ActivityRow a;
      a.kind = "activity";
      a.title = spec.activities[static_cast<std::size_t>(i)];
      a.status = Pick(rng, kActivityStatus);
      a.start_date = fmt::format("{}-{:02}-01", Uniform(rng, 2010, 2018), Uniform(rng, 1, 12));
      a.illustrative = true;
      a.created_at = created_at;
      a.neighbourhoods = {neighbourhood};
      a.domains = {{"resilience-4-domains", spec.domain, "tagged"}};
      if (Chance(rng, 0.25)) a.domains.push_back({"resilience-4-domains", spec.affects, "affects"});
      if (!organisations.empty()) {
        NRS_ASSIGN_OR_RETURN(
            const auto lead,
            store::FindActor(
                tx, neighbourhood,
                organisations[static_cast<std::size_t>(Uniform(rng, 0, static_cast<int>(organisations.size()) - 1))]));
        if (lead) a.actors.push_back({*lead, "lead"});
      }
      NRS_ASSIGN_OR_RETURN(const std::int64_t id, store::InsertActivity(tx, a));
      ids.push_back(id);
    }
    const int actions = governance && thin_governance ? 0 : Uniform(rng, 1, 3);
    for (int i = 0; i < actions; ++i) {
      store::ActivityRow a;
      a.kind = "action";
      a.title = spec.actions[static_cast<std::size_t>(i)];
      a.status = Pick(rng, kActionStatus);
      a.start_date = fmt::format("2019-{:02}-01", Uniform(rng, 4, 12));
      a.cost = Uniform(rng, 0, 40) * 250.0;
      a.illustrative = true;
      a.created_at = created_at;
      a.neighbourhoods = {neighbourhood};
      a.domains = {{"resilience-4-domains", spec.domain, "tagged"}};
      if (Chance(rng, 0.5)) a.domains.push_back({"resilience-4-domains", spec.affects, "affects"});
      // Most actions are tweaks: a change to an activity already running.
      if (!ids.empty() && Chance(rng, 0.6))
        a.tweak_of = ids[static_cast<std::size_t>(Uniform(rng, 0, static_cast<int>(ids.size()) - 1))];
      if (known(spec.indicator)) a.indicators = {spec.indicator};
      a.evidence = "Concerns raised at the oversight group; household survey; evidence review (illustrative)";
      NRS_RETURN_IF_ERROR(store::InsertActivity(tx, a).status());
    }
  }
  return Status::Ok();
}

}  // namespace

Status LoadDemoSystems(store::Transaction& tx, const core::Clock& clock) {
  NRS_ASSIGN_OR_RETURN(const auto neighbourhoods, store::ListNeighbourhoods(tx));
  const std::string created_at = core::FormatUtc(clock.Now());
  std::int64_t maps = 0;
  for (std::size_t i = 0; i < neighbourhoods.size(); ++i) {
    const store::NeighbourhoodRow& n = neighbourhoods[i];
    Rng rng(20190401 + i);  // fixed: the demo is the same every time
    const systems::Network actors = ActorMap(rng);
    NRS_RETURN_IF_ERROR(store::ReplaceActorMap(tx, n.id, actors));
    // The topic and its domain are in the description written from the programme's pages ("Topic for action:
    // … (domain)."); a neighbourhood without one gets the governance template.
    std::string topic = "the neighbourhood's priority";
    std::string domain = "community governance";
    if (const auto at = n.description.find("Topic for action: "); at != std::string::npos) {
      const auto open = n.description.find(" (", at);
      const auto close = n.description.find(").", at);
      if (open != std::string::npos && close != std::string::npos && close > open) {
        topic = n.description.substr(at + 18, open - at - 18);
        domain = n.description.substr(open + 2, close - open - 2);
      }
    }
    NRS_RETURN_IF_ERROR(store::ReplaceFactorMap(tx, n.id, FactorMap(domain, topic)));
    // Two neighbourhoods have almost nothing in community governance: the coverage view shows the gap.
    NRS_RETURN_IF_ERROR(Register(tx, rng, n.id, actors, created_at, i % 3 == 1));
    ++maps;
  }
  NRS_RETURN_IF_ERROR(PublishMapIndicators(tx, MapIndicatorOptions{"", "2020-03-31", "2020"}).status());
  return RecordImport(
      tx,
      DatasetFacts{"system maps", "Actor maps, factor maps and activity registers (illustrative, synthetic)",
                   "generated by NRS from a fixed seed", "NRS demo", "GPL-3.0-or-later"},
      maps, clock);
}

}  // namespace nrs::app
