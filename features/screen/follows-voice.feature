@screen
Feature: Screen recording follows voice
  When an agent configured for screen recording (its Agent Login or its DN has screen: true) starts,
  pauses, resumes and stops the voice recording of a call, the SUT sends the screen-recording
  service the same command, within the profile's screen tolerance. Other agents get none, and a
  screen-recording service that fails never disturbs the voice recording.

  @SCR-01
  Scenario Outline: A <method> recording's start, pause, resume and stop reach the screen of an agent configured by <by>
    Given an agent phone on the extension "<extension>"
    And the agent's desktop is registered on the agent's DN
    And the agent "<login>" is logged in on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the recording of the call is started by <method> recording
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And the screen-recording service got start, pause, resume, stop for the agent "<login>", each within the profile's screen tolerance of the voice change

    Examples:
      | method    | by            | extension                | login                 |
      | full-time | Agent Login   | agent-extension-recorded | agent-login-screen    |
      | dynamic   | its DN        | agent-extension-screen   | agent-login-no-screen |

  @SCR-01 @PAD-04
  Scenario Outline: A screen-recording service that <fault> does not disturb the voice recording
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN
    And the agent "agent-login-screen" is logged in on the agent's DN
    And the screen-recording service <fault>
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the caller hangs up
    Then every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to hang-up
    And the screen-recording service got start, pause, resume, stop for the agent "agent-login-screen", each within the profile's screen tolerance of the voice change

    Examples:
      | fault           |
      | answers 500     |
      | does not answer |

  @SCR-02
  Scenario: An agent not configured for screen recording gets no screen command
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN
    And the agent "agent-login-no-screen" is logged in on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the screen-recording service got no command within the profile's screen tolerance of the recording's stop

  @SCR-01
  Scenario: The screen recording of a selective recording is named by the routing strategy's id
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And the agent "agent-login-screen" is logged in on the agent's DN
    And the routing strategy on the routing point "routing-point" routes with 'record=destination, id=fresh'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_STOP
    And they talk for 1 second
    And the caller hangs up
    Then the recording carries the routing strategy's id and dest, in its INVITE and its metadata
    And the screen-recording service got start, pause, resume, stop for the agent "agent-login-screen", each within the profile's screen tolerance of the voice change
