@recorder
Feature: Record ids and the recording location at the recorder
  An id given by the SIP Server names the recording and must be globally unique: a live duplicate is
  refused. Without one the recorder makes a unique id and returns it. dest places the recording under
  the recordings root, never outside it.

  @SEL-05
  Scenario: A recording INVITE whose id is live is refused and the first session goes on undisturbed
    Given a recording session at the recorder with a fresh record id
    When another recording session is opened with the same record id
    Then the recorder refuses it with the profile's duplicate-id status
    And the first session records on undisturbed to its stop

  @SEL-06
  Scenario: Without an id the recorder makes a unique one, returns it in the 200 OK and writes it
    When 4 recording sessions are opened at the recorder without a record id, each recording 0.3 seconds
    Then each 200 OK carried an X-Genesys-Record-Id, all different, and each file and metadata carry it

  @SEL-06
  Scenario: Ids the recorder makes stay unique across a restart
    When 2 recording sessions are opened at the recorder without a record id, each recording 0.3 seconds
    And the recorder restarts
    And 2 recording sessions are opened at the recorder without a record id, each recording 0.3 seconds
    Then each 200 OK carried an X-Genesys-Record-Id, all different, and each file and metadata carry it

  @SEL-07
  Scenario: dest places the recording under the recordings root
    Given a recording session at the recorder with dest "speechminer/import/eu"
    When the recording runs for 0.5 seconds
    And the recording stops
    Then the files are under "speechminer/import/eu" of the recordings root and the metadata names the dest

  @SEL-07
  Scenario Outline: A <field> that would leave the recordings root is refused (<why>)
    <escape> stands for a name unique to the scenario, absent before the attempt: nothing an earlier
    run left can fail this recorder, and nothing it writes there can hide in a folder that existed.

    When a recording session is opened with <field> "<value>"
    Then nothing was written outside the recordings root
    And the recorder refuses it with the profile's bad-dest status

    Examples:
      | field | value            | why              |
      | dest  | ../<escape>      | parent directory |
      | dest  | a/../../<escape> | parent inside    |
      | dest  | /tmp/<escape>    | absolute path    |
      | dest  | a\\<escape>      | backslash        |
      | id    | ../<escape>      | parent in the id |
      | id    | a/<escape>       | slash in the id  |
